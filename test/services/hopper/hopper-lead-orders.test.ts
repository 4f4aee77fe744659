// Lead orders and "Nth NEW" (domain.md, second part) against hand-computed expectations, on both
// databases. Seven leads, one of them dropped (always first):
//   A new 0 att never · B no_answer 3 att -300 min · C busy 1 att -600 · D new 0 att never
//   E no_answer 2 att -120 · F dropped 1 att -500 · G voicemail 5 att -90   (retry delay 60)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LeadOrder } from '../../../shared/campaign/lead-orders';
import { HOPPER_PRIORITY } from '../../../shared/types/hopper';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, hopperAt, hopperLeadIds, hopperRows, minutesBefore } from '../../support/hopper-fixtures';

type Letter = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';

const EXPECTED: { order: LeadOrder; newEvery?: number; leads: string }[] = [
  { order: 'default', leads: 'FADCBEG' },
  { order: 'down_last_call', leads: 'FADCBEG' },
  { order: 'down', leads: 'FABCDEG' },
  { order: 'up', leads: 'FGEDCBA' },
  { order: 'down_count', leads: 'FADCEBG' },
  { order: 'up_count', leads: 'FGBECAD' },
  { order: 'up_last_call', leads: 'FGEBCAD' },
  // Every 2nd of the rest is new: others C B E G, new A D → C A B D E G.
  { order: 'default', newEvery: 2, leads: 'FCABDEG' },
  // Every 3rd, lowest id first: others B C E G, new A D → B C A E G D.
  { order: 'down', newEvery: 3, leads: 'FBCAEGD' },
  // Every 2nd, most attempts first: others G B E C, new A D → G A B D E C.
  { order: 'up_count', newEvery: 2, leads: 'FGABDEC' },
];

describeEachDialect('hopper lead orders', ({ h }) => {
  let campaign: number;
  let ids: Record<Letter, number>;
  beforeEach(async () => {
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', retry_delay_minutes: 60, hopper_target: 50 });
    const list = await makeList(h, campaign);
    const dialed = (status: string, attempts: number, minutes: number) => ({ status, dial_attempts: attempts, last_dial_attempt: minutesBefore(NOON, minutes) });
    ids = {
      A: await makeLead(h, list),
      B: await makeLead(h, list, dialed('no_answer', 3, 300)),
      C: await makeLead(h, list, dialed('busy', 1, 600)),
      D: await makeLead(h, list),
      E: await makeLead(h, list, dialed('no_answer', 2, 120)),
      F: await makeLead(h, list, dialed('dropped', 1, 500)),
      G: await makeLead(h, list, dialed('voicemail', 5, 90)),
    };
  });

  const letters = (queued: number[]) => queued.map((id) => (Object.keys(ids) as Letter[]).find((l) => ids[l] === id)).join('');
  const setOrder = (order: LeadOrder, newEvery = 0) => h.db.updateTable('campaigns').set({ lead_order: order, new_every: newEvery }).where('id', '=', campaign).execute();

  for (const { order, newEvery, leads } of EXPECTED) {
    it(`${order}${newEvery ? ` with new every ${newEvery}` : ''}: ${leads}, and a smaller fill takes its first leads`, async () => {
      await setOrder(order, newEvery);
      await hopperAt(h).fill(campaign, { target: 3 });
      expect(letters(await hopperLeadIds(h))).toBe(leads.slice(0, 3));
      await h.db.deleteFrom('dialer_hopper').execute();
      await hopperAt(h).fill(campaign);
      expect(letters(await hopperLeadIds(h))).toBe(leads);
      expect((await hopperRows(h))[0].priority).toBe(HOPPER_PRIORITY.high);
    });
  }

  it('random: every eligible lead, dropped first, and each fill draws anew', async () => {
    await setOrder('random');
    const draws = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await h.db.deleteFrom('dialer_hopper').execute();
      await hopperAt(h).fill(campaign);
      const got = letters(await hopperLeadIds(h));
      expect(got[0]).toBe('F');
      expect([...got].sort().join('')).toBe('ABCDEFG');
      draws.add(got);
    }
    // 720 orders of the other six: twelve fills that all drew the same one would be a fixed order.
    expect(draws.size).toBeGreaterThan(1);
  });
});
