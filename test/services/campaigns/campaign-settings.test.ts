// The campaign service (domain.md, second part): settings, recycle rules and a list's active,
// checked field by field, written in one transaction with one history row per changed field, and
// the hopper rows a change made ineligible removed at once.
import { beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { CampaignSettingsService } from '../../../main/services/campaigns/campaign-settings-service';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, hopperAt, hopperLeadIds, minutesBefore } from '../../support/hopper-fixtures';
import { snapshotTables as dumpTables } from '../../support/table-snapshot';

describeEachDialect('campaign settings', ({ h }) => {
  let campaign: number;
  let list: number;
  let svc: CampaignSettingsService;
  beforeEach(async () => {
    svc = new CampaignSettingsService(h, fixedClock(NOON));
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', retry_delay_minutes: 60 });
    list = await makeList(h, campaign);
  });

  it('shows the defaults of a campaign a dialer created with the old columns only', async () => {
    const d = await svc.show(campaign);
    expect(d.settings).toMatchObject({ name: 'Solar', active: true, lead_order: 'default', new_every: 0, agent_callback_minutes: 0, max_dial_attempts: 10, hopper_target: 200, dropped_retry_delay_minutes: 0 });
    expect(d.settings.recyclable_statuses).toEqual(['no_answer', 'busy', 'failed', 'dropped', 'congestion', 'voicemail']);
    expect(d.lists).toEqual([{ id: list, name: 'List A', active: true }]);
  });

  it('writes one history row per changed field, with who changed it, and skips unchanged ones', async () => {
    const r = await svc.update(campaign, { retry_delay_minutes: 30, max_dial_attempts: 10, lead_order: 'down_count', call_window_start: '08:00', recyclable_statuses: ['busy', 'no_answer'] }, 'maria');
    expect(r.changes.map((c) => [c.field, c.old_value, c.new_value, c.changed_by, c.changed_at])).toEqual([
      ['retry_delay_minutes', '60', '30', 'maria', NOON],
      ['lead_order', 'default', 'down_count', 'maria', NOON],
      ['call_window_start', '09:00', '08:00', 'maria', NOON],
      ['recyclable_statuses', 'no_answer,busy,failed,dropped,congestion,voicemail', 'busy,no_answer', 'maria', NOON],
    ]);
    expect(r.detail.settings).toMatchObject({ retry_delay_minutes: 30, lead_order: 'down_count', call_window_start: '08:00', recyclable_statuses: ['busy', 'no_answer'] });
    expect((await svc.history(campaign)).map((c) => c.field)).toEqual(['recyclable_statuses', 'call_window_start', 'lead_order', 'retry_delay_minutes']);
    expect((await svc.update(campaign, { retry_delay_minutes: 30 }, 'cli')).changes).toEqual([]);
  });

  it('refuses bad values naming each field, and saves nothing', async () => {
    await makeCampaign(h, 'Wind');
    const before = await dumpTables(h);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ retry_delay_minutes: -5, max_dial_attempts: 0 }, /retry_delay_minutes: .*0 to 43,200.*max_dial_attempts: .*1 to 100/],
      [{ recyclable_statuses: ['busy', 'sale'] }, /recyclable_statuses: a final status is never recycled \(sale\)/],
      [{ recyclable_statuses: ['busy', 'XFER'] }, /recyclable_statuses: "XFER" is not a status/],
      [{ call_window_start: '21:00', call_window_end: '09:00' }, /call_window_start: the call window must start before it ends/],
      [{ call_window_end: '25:00' }, /call_window_end: must be a time HH:MM/],
      [{ timezone: 'Mars/Olympus' }, /timezone: must be an IANA timezone/],
      [{ lead_order: 'sideways' }, /lead_order: must be one of default, down/],
      [{ new_every: 1 }, /new_every: must be 0 \(off\) or a whole number from 2 to 6/],
      [{ name: 'Wind' }, /name: another campaign/],
      [{ hopper_target: 50, dialer: 'x' }, /dialer: is not a campaign setting/],
    ];
    for (const [input, message] of cases) await expect(svc.update(campaign, input, 'cli'), JSON.stringify(input)).rejects.toThrow(message);
    expect(await dumpTables(h)).toEqual(before);
  });

  it('a change that makes queued leads ineligible removes their hopper rows at once, and says so', async () => {
    const busy = await makeLead(h, list, { status: 'busy', dial_attempts: 4, last_dial_attempt: minutesBefore(NOON, 600) });
    const fresh = await makeLead(h, list);
    await hopperAt(h).fill(campaign);
    expect(await hopperLeadIds(h)).toEqual([fresh, busy]);
    const r = await svc.update(campaign, { recyclable_statuses: ['no_answer'] }, 'cli');
    expect(r.hopper_removed).toEqual({ removed: 1, by_reason: { not_recyclable_status: 1 } });
    expect(await hopperLeadIds(h)).toEqual([fresh]);
  });

  it('previews the eligible-now figure before and after a change by explain, and saves nothing', async () => {
    await makeLead(h, list, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 45) });
    await makeLead(h, list);
    expect((await hopperAt(h).explain(campaign)).eligible_now).toBe(1); // also fills SQLite's phone keys, a cache
    const before = await dumpTables(h);
    expect(await svc.preview(campaign, { retry_delay_minutes: 30 })).toEqual({ eligible_before: 1, eligible_after: 2, hopper_rows_removed: 0 });
    expect(await dumpTables(h)).toEqual(before);
    expect((await hopperAt(h).explain(campaign)).eligible_now).toBe(1);
  });

  it('recycle rules: set, change, remove, each in the history; a rule for a status not recycled is flagged', async () => {
    await svc.setRecycleRule(campaign, { status: 'busy', delay_minutes: 30, max_attempts: 3 }, 'cli');
    const r = await svc.setRecycleRule(campaign, { status: 'busy', delay_minutes: 15, max_attempts: 3 }, 'cli');
    expect(r.changes.map((c) => [c.field, c.old_value, c.new_value])).toEqual([['recycle_rule.busy', 'delay 30 min, max 3 attempts', 'delay 15 min, max 3 attempts']]);
    const other = await svc.setRecycleRule(campaign, { status: 'contacted', delay_minutes: 0, max_attempts: 1 }, 'cli');
    expect(other.detail.recycle_rules).toEqual([
      { status: 'busy', delay_minutes: 15, max_attempts: 3, applies: true },
      { status: 'contacted', delay_minutes: 0, max_attempts: 1, applies: false },
    ]);
    await expect(svc.setRecycleRule(campaign, { status: 'busy', delay_minutes: 50_000, max_attempts: 0 }, 'cli')).rejects.toThrow(/delay_minutes: .*; max_attempts: /);
    await expect(svc.setRecycleRule(campaign, { status: 'sale', delay_minutes: 5, max_attempts: 2 }, 'cli')).rejects.toThrow(/status: sale is never recycled/);
    await svc.removeRecycleRule(campaign, 'busy', 'cli');
    await expect(svc.removeRecycleRule(campaign, 'busy', 'cli')).rejects.toThrow(/does not exist/);
    expect((await svc.history(campaign)).map((c) => [c.field, c.new_value])[0]).toEqual(['recycle_rule.busy', null]);
  });

  it("a rule's cap removes the queued leads over it; a list turned off removes its leads", async () => {
    const busy = await makeLead(h, list, { status: 'busy', dial_attempts: 4, last_dial_attempt: minutesBefore(NOON, 600) });
    const other = await makeList(h, campaign, 'B');
    const fresh = await makeLead(h, other);
    await hopperAt(h).fill(campaign);
    const r = await svc.setRecycleRule(campaign, { status: 'busy', delay_minutes: 30, max_attempts: 3 }, 'cli');
    expect(r.hopper_removed).toEqual({ removed: 1, by_reason: { recycle_rule_cap: 1 } });
    const off = await svc.setListActive(other, false, 'ana');
    expect(off.changes.map((c) => [c.field, c.old_value, c.new_value, c.changed_by])).toEqual([[`list.${other}.active`, 'true', 'false', 'ana']]);
    expect(off.hopper_removed).toEqual({ removed: 1, by_reason: { list_inactive: 1 } });
    expect(off.detail.lists.find((l) => l.id === other)!.active).toBe(false);
    expect(await hopperLeadIds(h)).toEqual([]);
    expect([busy, fresh].length).toBe(2);
  });
});
