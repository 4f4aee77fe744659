// A campaign's activity against hand-built calls: every figure, the abandon flag at exactly 3% and
// above, and "runs dry" with and without calls in the last hour.
import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, minutesBefore } from '../../support/hopper-fixtures';
import { makeCampaignCall, makeCampaignCalls, reportsAt } from '../../support/report-fixtures';

const T = (hhmm: string, day = '2026-11-24') => `${day}T${hhmm}:00.000Z`;

describeEachDialect('campaign activity', ({ h }) => {
  let campaign: number;
  let caller: number;
  let list: number;

  beforeEach(async () => {
    // UTC campaign, window 09:00–21:00, 900 minutes between dials: a lead dialed at 08:00 is due at
    // 23:00 today, one dialed at 11:00 only tomorrow.
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', retry_delay_minutes: 900 });
    list = await makeList(h, campaign);
    // The calls belong to a lead of a list turned off: it is never dialable itself.
    caller = await makeLead(h, await makeList(h, campaign, 'Called', false), { status: 'no_answer', dial_attempts: 9, last_dial_attempt: T('11:55') });
    for (const [result, at, cause] of [
      ['no_answer', '09:05', null],
      ['NA', '09:10', null],
      ['sale', '09:20', null],
      [null, '10:00', '486'],
      ['contacted', '11:50', null],
      ['dropped', '11:55', null],
    ] as const) {
      await makeCampaignCall(h, campaign, caller, T(at), result, cause);
    }
    await makeCampaignCall(h, campaign, caller, T('15:00', '2026-11-23'), 'sale'); // yesterday: in the 30 days only
    await makeCampaignCall(h, campaign, caller, T('15:00', '2026-10-01'), 'dropped'); // before the 30 days
    const other = await makeCampaign(h, 'Other', { timezone: 'UTC' });
    await makeCampaignCall(h, other, caller, T('10:00'), 'dropped'); // another campaign's
    // Leads left today: 3 new, one whose delay ends at 23:00; not the one due tomorrow.
    for (let i = 0; i < 3; i++) await makeLead(h, list);
    await makeLead(h, list, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: T('08:00') });
    await makeLead(h, list, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: T('11:00') });
  });

  it('counts calls, answered, the outcome mix and every quarter hour of today so far', async () => {
    const r = await reportsAt(h, NOON).activity({ campaignId: campaign });
    expect([r.from, r.to, r.now]).toEqual([T('00:00'), NOON, NOON]);
    expect([r.calls, r.answered]).toEqual([6, 2]);
    expect(r.outcomes).toEqual({ no_answer: 2, busy: 1, contacted: 1, dropped: 1, sale: 1 });
    expect(Object.keys(r.outcomes)).toEqual(['no_answer', 'busy', 'contacted', 'dropped', 'sale']);
    expect(r.per_15_minutes).toHaveLength(48);
    expect(r.per_15_minutes[0]).toEqual({ start: T('00:00'), calls: 0, answered: 0, outcomes: {} });
    const busy = r.per_15_minutes.filter((q) => q.calls > 0);
    expect(busy).toEqual([
      { start: T('09:00'), calls: 2, answered: 0, outcomes: { no_answer: 2 } },
      { start: T('09:15'), calls: 1, answered: 1, outcomes: { sale: 1 } },
      { start: T('10:00'), calls: 1, answered: 0, outcomes: { busy: 1 } },
      { start: T('11:45'), calls: 2, answered: 1, outcomes: { contacted: 1, dropped: 1 } },
    ]);
  });

  it('a given period: from inclusive, to exclusive; bad periods are refused', async () => {
    const r = await reportsAt(h, NOON).activity({ campaignId: campaign, from: T('09:10'), to: T('11:50') });
    expect([r.calls, r.answered, r.per_15_minutes.length]).toEqual([3, 1, 12]);
    expect(r.per_15_minutes[0].start).toBe(T('09:00'));
    const yesterday = await reportsAt(h, NOON).activity({ campaignId: campaign, from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z' });
    expect([yesterday.calls, yesterday.per_15_minutes.length]).toEqual([1, 96]);
    await expect(reportsAt(h, NOON).activity({ campaignId: campaign, from: T('11:00'), to: T('10:00') })).rejects.toThrow(/must end after it starts/);
    await expect(reportsAt(h, NOON).activity({ campaignId: campaign, from: '2026-09-01T00:00:00Z', to: NOON })).rejects.toThrow(/at most 31 days/);
    await expect(reportsAt(h, NOON).activity({ campaignId: campaign, from: '2026-02-30T00:00:00Z' })).rejects.toThrow(/ISO-8601/);
    await expect(reportsAt(h, NOON).activity({ campaignId: 987_654 })).rejects.toThrow(/Campaign 987654 does not exist/);
  });

  it('a period over two days: a quarter hour cut by two reads (SQLite reads a day at a time) is counted whole', async () => {
    // From 09:10 yesterday: on SQLite the second day's read starts at 09:10 today, so the 09:00
    // quarter hour of today is read half in each (the call at 09:05, then the one at 09:10).
    const r = await reportsAt(h, NOON).activity({ campaignId: campaign, from: T('09:10', '2026-11-23'), to: T('11:50') });
    expect([r.calls, r.answered]).toEqual([5, 2]);
    expect(r.per_15_minutes.filter((q) => q.calls > 0)).toEqual([
      { start: T('15:00', '2026-11-23'), calls: 1, answered: 1, outcomes: { sale: 1 } },
      { start: T('09:00'), calls: 2, answered: 0, outcomes: { no_answer: 2 } },
      { start: T('09:15'), calls: 1, answered: 1, outcomes: { sale: 1 } },
      { start: T('10:00'), calls: 1, answered: 0, outcomes: { busy: 1 } },
    ]);
  });

  it('the 30-day abandon rate: dropped ÷ (answered + dropped), flagged above 3%', async () => {
    const r = await reportsAt(h, NOON).activity({ campaignId: campaign });
    // Answered: today's sale and contacted, yesterday's sale; dropped: today's (October's is too old).
    expect(r.abandon_30d).toEqual({ dropped: 1, answered: 3, from: '2026-10-25T12:00:00.000Z', to: NOON });
    expect([r.abandon_rate_30d, r.abandon_flag]).toEqual([0.25, true]);
  });

  it('the abandon flag: exactly 3% is not flagged, just above is', async () => {
    const quiet = await makeCampaign(h, 'Quiet', { timezone: 'UTC' });
    await makeCampaignCalls(h, quiet, caller, T('08:00', '2026-11-20'), 'sale', 97);
    await makeCampaignCalls(h, quiet, caller, T('08:00', '2026-11-21'), 'dropped', 3);
    let r = await reportsAt(h, NOON).activity({ campaignId: quiet });
    expect([r.abandon_rate_30d, r.abandon_flag]).toEqual([0.03, false]);
    await makeCampaignCalls(h, quiet, caller, T('08:00', '2026-11-22'), 'PDROP', 1);
    r = await reportsAt(h, NOON).activity({ campaignId: quiet });
    expect([r.abandon_30d.dropped, r.abandon_30d.answered, r.abandon_flag]).toEqual([4, 97, true]);
    // No answered or dropped call at all: no rate, no flag.
    r = await reportsAt(h, NOON).activity({ campaignId: await makeCampaign(h, 'Silent', { timezone: 'UTC' }) });
    expect([r.abandon_rate_30d, r.abandon_flag, r.calls]).toEqual([null, false, 0]);
  });

  it('runs dry at: leads left today ÷ the last hour’s dial rate', async () => {
    const r = await reportsAt(h, NOON).activity({ campaignId: campaign });
    // 2 calls in the last hour (11:50, 11:55); 4 leads left: 2 hours.
    expect([r.calls_last_hour, r.leads_left_today, r.runs_dry_at, r.runs_dry_note]).toEqual([2, 4, T('14:00'), null]);
  });

  it('runs dry with no calls in the last hour says "no recent dialing"', async () => {
    const evening = T('18:00');
    const r = await reportsAt(h, evening).activity({ campaignId: campaign });
    expect([r.calls_last_hour, r.runs_dry_at, r.runs_dry_note]).toEqual([0, null, 'no recent dialing']);
    expect(r.leads_left_today).toBe(4);
    expect(minutesBefore(evening, 60)).toBe(T('17:00'));
  });

  it('as CSV: the summary, the outcomes and one row per quarter hour with a column per outcome', async () => {
    const { csv, rows } = await reportsAt(h, NOON).activityCsv({ campaignId: campaign });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('campaign_id,campaign_name,from,to,calls,answered,abandon_rate_30d,abandon_flag,runs_dry_at,runs_dry_note');
    expect(lines[1]).toBe(`${campaign},Solar,${T('00:00')},${NOON},6,2,0.2500,yes,${T('14:00')},`);
    expect(lines).toContain('start,calls,answered,no_answer,busy,contacted,dropped,sale');
    expect(lines).toContain(`${T('11:45')},2,1,0,0,1,1,0`);
    expect(rows).toBe(1 + 5 + 48);
  });
});
