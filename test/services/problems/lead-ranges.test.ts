// A problem scan's ranges (range-pipeline.ts LeadRanges): consecutive, covering exactly the
// scope's leads, and the first one starting just before the scope's first lead. From id 0, a list
// whose leads come after another list's had a first range spanning that list too, and the range's
// call reads (by lead id range) read all of its calls: 2.3 s on the DELHI-shaped database.
import { expect, it } from 'vitest';
import { LeadRanges } from '../../../main/services/problems/range-pipeline';
import type { LeadScope } from '../../../main/services/leads/lead-repository';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';

describeEachDialect('the ranges of a problem scan', ({ h }) => {
  const rangesOf = async (scope: LeadScope, size: number) => {
    const out = [];
    for await (const r of new LeadRanges(h.db, h.dialect, scope, size)) out.push(r);
    return out;
  };

  it('start at the scope’s first lead and cover its leads, whichever scope', async () => {
    const first = await makeCampaign(h, 'First');
    const second = await makeCampaign(h, 'Second');
    const big = await makeList(h, first, 'Big');
    const later = await makeList(h, second, 'Later');
    const other = await makeList(h, second, 'Other');
    const bigIds = [];
    for (let i = 0; i < 6; i++) bigIds.push(await makeLead(h, big));
    const laterIds = [];
    for (let i = 0; i < 5; i++) laterIds.push(await makeLead(h, later));
    const otherId = await makeLead(h, other);

    // The later list: its first range starts right before its first lead, not at 0.
    expect(await rangesOf({ listId: later }, 2)).toEqual([
      { afterId: laterIds[0] - 1, upTo: laterIds[1], count: 2 },
      { afterId: laterIds[1], upTo: laterIds[3], count: 2 },
      { afterId: laterIds[3], upTo: laterIds[4], count: 1 },
    ]);
    // A campaign's lists: from the first lead of any of them.
    const campaignRanges = await rangesOf({ campaignId: second }, 4);
    expect(campaignRanges[0].afterId).toBe(laterIds[0] - 1);
    expect(campaignRanges.reduce((n, r) => n + r.count, 0)).toBe(6);
    expect(campaignRanges.at(-1)?.upTo).toBe(otherId);
    // Everything: from the first lead of all.
    const all = await rangesOf({}, 5);
    expect(all[0].afterId).toBe(bigIds[0] - 1);
    expect(all.reduce((n, r) => n + r.count, 0)).toBe(12);
  });

  it('gives no range for a scope without leads', async () => {
    const empty = await makeList(h, await makeCampaign(h));
    expect(await rangesOf({ listId: empty }, 10)).toEqual([]);
    expect(await rangesOf({ listId: 999_999 }, 10)).toEqual([]);
  });
});
