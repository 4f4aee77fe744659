// Per-status recycle rules in the one eligibility definition (domain.md, second part): a rule's
// delay replaces the campaign's for its status, its cap excludes too; a rule for a status the
// campaign does not recycle changes nothing. Fill, explain, stats and cleanup agree.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExclusionRule, HopperExplain } from '../../../shared/types/hopper';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { makeRecycleRule } from '../../support/callback-fixtures';
import { NOON, hopperAt, hopperLeadIds, minutesBefore, queueRow } from '../../support/hopper-fixtures';

const countOf = (e: HopperExplain, rule: ExclusionRule) => e.excluded.find((x) => x.rule === rule)!.count;
const nextOf = (e: HopperExplain, rule: ExclusionRule) => e.excluded.find((x) => x.rule === rule)!.next_eligible_at;

describeEachDialect('hopper recycle rules', ({ h }) => {
  let campaign: number;
  let list: number;
  beforeEach(async () => {
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', retry_delay_minutes: 60, recyclable_statuses: 'no_answer,busy,dropped' });
    list = await makeList(h, campaign);
  });
  const dialed = (status: string, attempts: number, minutesAgo: number) => ({ status, dial_attempts: attempts, last_dial_attempt: minutesBefore(NOON, minutesAgo) });

  it("a rule's delay replaces the campaign's for its status, and its cap excludes", async () => {
    await makeRecycleRule(h, campaign, 'busy', 30, 2);
    const shorter = await makeLead(h, list, dialed('busy', 1, 45)); // campaign's 60 would wait; the rule's 30 has passed
    const waiting = await makeLead(h, list, dialed('busy', 1, 20)); // rule delay: eligible at NOON+10
    const capped = await makeLead(h, list, dialed('busy', 2, 600)); // rule cap 2
    const unruled = await makeLead(h, list, dialed('no_answer', 1, 45)); // the campaign's 60: waiting
    const unruledOk = await makeLead(h, list, dialed('no_answer', 5, 100));
    const hopper = hopperAt(h);
    const e = await hopper.explain(campaign);
    expect(e.eligible_now).toBe(2);
    expect([countOf(e, 'recycle_rule_delay'), countOf(e, 'recycle_rule_cap'), countOf(e, 'retry_delay'), countOf(e, 'attempt_cap')]).toEqual([1, 1, 1, 0]);
    expect(nextOf(e, 'recycle_rule_delay')).toBe(minutesBefore(NOON, -10));
    expect(nextOf(e, 'retry_delay')).toBe(minutesBefore(NOON, -15));
    expect((await hopper.stats(campaign)).eligible_now).toBe(2);
    await hopper.fill(campaign);
    expect((await hopperLeadIds(h)).sort((a, b) => a - b)).toEqual([shorter, unruledOk]);
    expect([waiting, capped, unruled].length).toBe(3);
    // The rule's delay ends: the waiting lead comes in, the capped one never does.
    await hopperAt(h, minutesBefore(NOON, -11)).fill(campaign);
    expect(await hopperLeadIds(h)).toContain(waiting);
    expect(await hopperLeadIds(h)).not.toContain(capped);
  });

  it("a rule for dropped replaces the dropped delay", async () => {
    await makeRecycleRule(h, campaign, 'dropped', 120, 10);
    const dropped = await makeLead(h, list, dialed('dropped', 1, 60));
    const e = await hopperAt(h).explain(campaign);
    expect([e.eligible_now, countOf(e, 'recycle_rule_delay')]).toEqual([0, 1]);
    await hopperAt(h, minutesBefore(NOON, -60)).fill(campaign);
    expect(await hopperLeadIds(h)).toEqual([dropped]);
  });

  it('a rule for a status the campaign does not recycle changes nothing', async () => {
    await makeLead(h, list, dialed('voicemail', 1, 600));
    await makeLead(h, list, dialed('contacted', 1, 600));
    await makeLead(h, list, dialed('no_answer', 3, 90));
    await makeLead(h, list);
    const before = await hopperAt(h).explain(campaign);
    await makeRecycleRule(h, campaign, 'voicemail', 0, 100);
    await makeRecycleRule(h, campaign, 'contacted', 0, 1);
    const after = await hopperAt(h).explain(campaign);
    expect(after).toEqual(before);
    await hopperAt(h).fill(campaign);
    expect(await hopperLeadIds(h)).toHaveLength(2);
  });

  it('cleanup removes a queued lead over its rule cap (not timing), keeps one waiting for the rule delay', async () => {
    const capped = await makeLead(h, list, dialed('busy', 3, 600));
    const waiting = await makeLead(h, list, dialed('busy', 1, 5));
    await queueRow(h, campaign, capped);
    await queueRow(h, campaign, waiting);
    await makeRecycleRule(h, campaign, 'busy', 30, 3);
    const r = await hopperAt(h).cleanupStale();
    expect(r).toEqual({ removed: 1, by_reason: { recycle_rule_cap: 1 } });
    expect(await hopperLeadIds(h)).toEqual([waiting]);
  });
});
