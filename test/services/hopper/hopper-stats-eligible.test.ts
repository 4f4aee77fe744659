// The hopper screen's figures come without the count of eligible leads (explain gives it): stats
// with `eligible: false` leaves it null and answers the rest the same.
import { expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { createServices } from '../../../main/services/create-services';
import { describeEachDialect } from '../../support/databases';
import { at, makeCampaign, makeLead, makeList } from '../../support/fixtures';

describeEachDialect('hopper stats without the eligible count', ({ h }) => {
  it('leaves eligible_now null and the rest as with it', async () => {
    const campaign = await makeCampaign(h, 'Solar', { call_window_start: '00:00', call_window_end: '23:59' });
    const list = await makeList(h, campaign);
    for (let i = 0; i < 5; i++) await makeLead(h, list, { status: 'new' });
    const s = createServices(h, fixedClock(at(12)));
    const counted = await s.hopper.stats(campaign);
    const quick = await s.hopper.stats(campaign, { eligible: false });
    expect(counted.eligible_now).toBe(5);
    expect(quick).toEqual({ ...counted, eligible_now: null });
    expect((await s.hopper.explain(campaign)).eligible_now).toBe(5);
  });
});
