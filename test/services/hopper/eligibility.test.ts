import { beforeEach, describe, expect, it } from 'vitest';
import type { ExclusionRule, HopperExplain } from '../../../shared/types/hopper';
import { describeEachDialect, resetDatabase } from '../../support/databases';
import { makeCampaign, makeLead, makeList, type LeadSeed } from '../../support/fixtures';
import { NOON, addDnc, hopperAt, hopperLeadIds, minutesBefore, queueRow } from '../../support/hopper-fixtures';

const countOf = (e: HopperExplain, rule: ExclusionRule) => e.excluded.find((x) => x.rule === rule)!.count;
const nextOf = (e: HopperExplain, rule: ExclusionRule) => e.excluded.find((x) => x.rule === rule)!.next_eligible_at;

describeEachDialect('hopper eligibility rules', ({ h, dialect }) => {
  let campaign: number;
  let list: number;
  beforeEach(async () => {
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', dropped_retry_delay_minutes: 30 });
    list = await makeList(h, campaign);
  });

  /** One excluded lead next to one eligible twin: fill takes only the twin, explain names the rule. */
  async function expectExcluded(rule: ExclusionRule, seed: LeadSeed, setup?: (leadId: number) => Promise<void>) {
    const excluded = await makeLead(h, list, seed);
    const twin = await makeLead(h, list);
    await setup?.(excluded);
    const hopper = hopperAt(h);
    const before = await hopper.explain(campaign);
    expect(countOf(before, rule)).toBe(1);
    expect(before.eligible_now).toBe(1);
    expect(before.total_leads).toBe(2);
    const fill = await hopper.fill(campaign);
    const queued = await hopperLeadIds(h);
    expect(queued).toContain(twin);
    expect(fill.added).toBe(rule === 'already_queued' ? 1 : 1);
    if (rule !== 'already_queued') expect(queued).not.toContain(excluded);
    return before;
  }

  it('list turned off', async () => {
    const off = await makeList(h, campaign, 'Old', false);
    const lead = await makeLead(h, off);
    const twin = await makeLead(h, list);
    const e = await hopperAt(h).explain(campaign);
    expect([countOf(e, 'list_inactive'), e.eligible_now]).toEqual([1, 1]);
    await hopperAt(h).fill(campaign);
    expect(await hopperLeadIds(h)).toEqual([twin]);
    expect(lead).toBeGreaterThan(0);
  });

  it('campaign turned off: nothing is eligible, every lead says why', async () => {
    await makeLead(h, list);
    await makeLead(h, list, { status: 'sale' });
    await h.db.updateTable('campaigns').set({ active: h.dialect.bool(false) }).where('id', '=', campaign).execute();
    const e = await hopperAt(h).explain(campaign);
    expect([countOf(e, 'campaign_inactive'), e.eligible_now, e.total_leads]).toEqual([2, 0, 2]);
    expect((await hopperAt(h).fill(campaign)).added).toBe(0);
    expect(await hopperAt(h).fillAll()).toEqual([]);
  });

  it('final status (sale, dnc)', async () => {
    await expectExcluded('final_status', { status: 'sale', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
    await resetDatabase(h);
    campaign = await makeCampaign(h, 'Dnc', { timezone: 'UTC', recyclable_statuses: 'no_answer,dnc' });
    list = await makeList(h, campaign);
    // Even a campaign that lists dnc as recyclable never dials a dnc lead.
    await expectExcluded('final_status', { status: 'dnc', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
  });

  it.each([[null], ['NA'], ['XFER'], ['']])('problem status %j', async (status) => {
    await expectExcluded('problem_status', { status });
  });

  it('worked status and a recyclable status the campaign does not take', async () => {
    await expectExcluded('not_recyclable_status', { status: 'callback', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
    await h.db.updateTable('campaigns').set({ recyclable_statuses: 'busy' }).where('id', '=', campaign).execute();
    const e = await hopperAt(h).explain(campaign);
    const busy = await makeLead(h, list, { status: 'busy', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
    const na = await makeLead(h, list, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
    await hopperAt(h).fill(campaign);
    const queued = await hopperLeadIds(h);
    expect(queued).toContain(busy);
    expect(queued).not.toContain(na);
    expect(e.total_leads).toBe(2);
  });

  it('attempt cap', async () => {
    await expectExcluded('attempt_cap', { status: 'no_answer', dial_attempts: 10, last_dial_attempt: minutesBefore(NOON, 600) });
  });

  it('retry delay, with the time the lead becomes eligible', async () => {
    const e = await expectExcluded('retry_delay', { status: 'no_answer', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 60) });
    expect(nextOf(e, 'retry_delay')).toBe(minutesBefore(NOON, 60 - 240));
  });

  it('dropped leads wait for the dropped delay, not the retry delay', async () => {
    const e = await expectExcluded('retry_delay', { status: 'dropped', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 10) });
    expect(nextOf(e, 'retry_delay')).toBe(minutesBefore(NOON, 10 - 30));
    const late = await makeLead(h, list, { status: 'dropped', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 31) });
    await hopperAt(h).fill(campaign);
    expect(await hopperLeadIds(h)).toContain(late);
  });

  it('a DNC phone, whatever its spelling', async () => {
    await expectExcluded('dnc_phone', { phone: '+1 (212) 555-0199' }, () => addDnc(h, '+12125550199'));
  });

  it('outside calling hours in the lead timezone, with when the window opens', async () => {
    // 12:00 UTC is 21:00 in Tokyo: the window [09:00, 21:00) has just closed.
    const e = await expectExcluded('outside_calling_hours', { timezone: 'Asia/Tokyo' });
    expect(nextOf(e, 'outside_calling_hours')).toBe('2026-11-25T00:00:00.000Z');
  });

  it('an invalid timezone is never called and shows in explain', async () => {
    const e = await expectExcluded('outside_calling_hours', { timezone: 'Mars/Olympus_Mons' });
    expect(nextOf(e, 'outside_calling_hours')).toBeNull();
    expect(e.timezones?.find((z) => z.timezone === 'Mars/Olympus_Mons')).toMatchObject({ valid: false, open: false, leads: 1 });
  });

  it('already queued', async () => {
    await expectExcluded('already_queued', {}, (id) => queueRow(h, campaign, id));
  });

  it('several rules at once: counted once, under the first rule in order', async () => {
    const phone = '+1 212 555 0111';
    await makeLead(h, list, { status: 'sale', phone, timezone: 'Asia/Tokyo', dial_attempts: 12 });
    await makeLead(h, list, { status: 'no_answer', phone: '+1 212 555 0112', timezone: 'Asia/Tokyo', dial_attempts: 12, last_dial_attempt: minutesBefore(NOON, 5) });
    await makeLead(h, list, { status: 'no_answer', phone, timezone: 'Asia/Tokyo', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 5) });
    await makeLead(h, list, { status: 'new', phone, timezone: 'Asia/Tokyo' });
    await addDnc(h, '+1-212-555-0111');
    const e = await hopperAt(h).explain(campaign);
    expect(Object.fromEntries(e.excluded.filter((x) => x.count > 0).map((x) => [x.rule, x.count]))).toEqual({
      final_status: 1,
      attempt_cap: 1,
      retry_delay: 1,
      dnc_phone: 1,
    });
    expect((await hopperAt(h).fill(campaign)).added).toBe(0);
  });

  it('order: dropped, then never dialed, then longest since last dial, then lowest id', async () => {
    const d = (min: number) => ({ dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, min) });
    const na2d = await makeLead(h, list, { status: 'no_answer', ...d(2 * 1440) });
    const busy3d = await makeLead(h, list, { status: 'busy', ...d(3 * 1440) });
    const na3d = await makeLead(h, list, { status: 'no_answer', ...d(3 * 1440) });
    const fresh2 = await makeLead(h, list);
    const dropped = await makeLead(h, list, { status: 'dropped', ...d(60) });
    const other = await makeList(h, campaign, 'B');
    const fresh1 = await makeLead(h, other);
    const droppedOld = await makeLead(h, other, { status: 'dropped', ...d(600) });
    const r = await hopperAt(h).fill(campaign);
    expect(r).toMatchObject({ added: 7, added_high_priority: 2 });
    expect(await hopperLeadIds(h)).toEqual([droppedOld, dropped, fresh2, fresh1, busy3d, na3d, na2d]);
    const claimed = await hopperAt(h).claim(campaign, 7);
    expect(claimed.map((c) => c.lead_id)).toEqual([droppedOld, dropped, fresh2, fresh1, busy3d, na3d, na2d]);
  });

  it('fill with a small target takes the first leads in that order', async () => {
    const fresh = await makeLead(h, list);
    const dropped = await makeLead(h, list, { status: 'dropped', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 60) });
    await makeLead(h, list, { status: 'busy', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
    await hopperAt(h).fill(campaign, { target: 2 });
    expect(await hopperLeadIds(h)).toEqual([dropped, fresh]);
  });

  describe('calling window across DST (America/New_York, 09:00–21:00)', () => {
    beforeEach(async () => {
      await h.db.updateTable('campaigns').set({ timezone: 'America/New_York' }).where('id', '=', campaign).execute();
      await makeLead(h, list);
    });
    it.each([
      ['2026-10-31T13:30:00.000Z', 1, 'Saturday 09:30 EDT'],
      ['2026-11-01T13:30:00.000Z', 0, 'Sunday 08:30 EST, after fall back'],
      ['2026-11-01T14:00:00.000Z', 1, 'Sunday 09:00 EST'],
      ['2026-11-02T01:59:00.000Z', 1, 'Sunday 20:59 EST'],
      ['2026-11-02T02:00:00.000Z', 0, 'Sunday 21:00 EST'],
      ['2026-03-07T13:30:00.000Z', 0, 'Saturday 08:30 EST'],
      ['2026-03-08T13:30:00.000Z', 1, 'Sunday 09:30 EDT, after spring forward'],
      ['2026-03-08T12:59:00.000Z', 0, 'Sunday 08:59 EDT'],
    ])('at %s fill adds %i (%s)', async (now, added) => {
      const hopper = hopperAt(h, now);
      const e = await hopper.explain(campaign);
      expect(countOf(e, 'outside_calling_hours')).toBe(1 - added);
      expect((await hopper.fill(campaign)).added).toBe(added);
    });
    it('explains "what if it were" another time the same way as a clock set to it (the screen\'s time picker)', async () => {
      const hopper = hopperAt(h, '2026-11-01T13:30:00.000Z');
      const now = await hopper.explain(campaign);
      const then = await hopper.explain(campaign, { at: new Date('2026-11-01T14:00:00.000Z') });
      expect(countOf(now, 'outside_calling_hours')).toBe(1);
      expect(then).toEqual(await hopperAt(h, '2026-11-01T14:00:00.000Z').explain(campaign));
      expect(then.now).toBe('2026-11-01T14:00:00.000Z');
      expect(then.eligible_now).toBe(1);
      expect(then.timezones).toEqual([expect.objectContaining({ timezone: 'America/New_York', open: true, local_time: '09:00', leads: 1 })]);
      expect(now.timezones).toEqual([expect.objectContaining({ open: false, next_open_at: '2026-11-01T14:00:00.000Z' })]);
    });
    it('explain gives the opening time after the November change', async () => {
      const e = await hopperAt(h, '2026-11-01T13:30:00.000Z').explain(campaign);
      expect(nextOf(e, 'outside_calling_hours')).toBe('2026-11-01T14:00:00.000Z');
    });
  });
});
