// Item 3, second half: rows that an import or a dialer wrote straight into the tables with odd
// values (a 10,000-character status, a call time nobody can read, unknown hangup causes, huge
// or empty phones, impossible timezones and call windows, negative counters). The reports,
// the sync and the hopper must report them and carry on, never die, and never apply a call at
// a time they cannot read.
import { beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../main/db/open-database';
import { fixedClock } from '../../main/db/time';
import { createServices, type Services } from '../../main/services/create-services';
import { dbArgs, runCli } from '../support/cli';
import { describeEachDialect } from '../support/databases';
import { at, getLead, makeCall, makeCampaign, makeLead, makeList } from '../support/fixtures';

const HUGE = 'x'.repeat(10_000);
const NOW = at(15);

export interface OddRows {
  campaignId: number;
  badCampaignId: number;
  listId: number;
  hugeStatusLead: number;
  unreadableCallLead: number;
  unreadableCallUuid: string;
  oddCauseLeads: number[];
}

/** Writes the odd rows through plain inserts, as a dialer or an import script would. */
export async function writeOddRows(h: DbHandle): Promise<OddRows> {
  const pg = h.dialect.name === 'postgres';
  const campaignId = await makeCampaign(h, 'Odd', { timezone: 'UTC', recyclable_statuses: 'no_answer,busy,"not a status",' + HUGE.slice(0, 500) });
  const badCampaignId = await makeCampaign(h, 'Odd window', { timezone: 'Mars/Olympus', call_window_start: '25:99', call_window_end: 'noon' });
  const listId = await makeList(h, campaignId);
  const badList = await makeList(h, badCampaignId);
  const hugeStatusLead = await makeLead(h, listId, { status: HUGE });
  await makeLead(h, listId, { status: ' \t ', dial_attempts: 2, last_dial_attempt: at(8) });
  await makeLead(h, listId, { status: 'no_answer', phone: HUGE, timezone: 'Not/AZone' });
  await makeLead(h, listId, { status: 'new', phone: '', timezone: "'; drop table leads; --" });
  await makeLead(h, listId, { status: 'busy', phone: '☎️ call me', dial_attempts: -3 });
  await makeLead(h, listId, { status: 'new', dial_attempts: 2_147_483_647 });
  await makeLead(h, badList, { status: 'new' });
  await makeLead(h, badList, { status: 'NA', timezone: 'Europe/Paris' });
  // The call whose start nobody can read: SQLite stores any text; PostgreSQL's timestamptz
  // accepts 'infinity', which no clock reaches.
  const unreadableCallLead = await makeLead(h, listId, { status: 'new' });
  const unreadableCallUuid = await makeCall(h, unreadableCallLead, pg ? 'infinity' : 'yesterday', 'sale');
  const oddCauseLeads: number[] = [];
  for (const cause of ['banana', '999999', '-1', 'SIP/2.0 486 Busy Here', HUGE, '', '  17  ', 'NaN']) {
    const lead = await makeLead(h, listId, { status: 'new' });
    oddCauseLeads.push(lead);
    await makeCall(h, lead, at(10), null, { hangup_cause: cause });
  }
  const oddResultLead = await makeLead(h, listId, { status: 'new' });
  oddCauseLeads.push(oddResultLead);
  await makeCall(h, oddResultLead, at(10), HUGE, { hangup_cause: 'USER_BUSY' });
  if (!pg) {
    // SQLite only (PostgreSQL's column refuses it): a lead whose own last dial is unreadable.
    await makeLead(h, listId, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: 'last tuesday', last_status_change: '2026-13-45T99:99:99Z' });
  }
  return { campaignId, badCampaignId, listId, hugeStatusLead, unreadableCallLead, unreadableCallUuid, oddCauseLeads };
}

describeEachDialect('odd imported rows', ({ h }) => {
  let s: Services;
  let odd: OddRows;
  beforeAll(async () => {
    s = createServices(h, fixedClock(NOW));
    odd = await writeOddRows(h);
  });

  it('breakdown shows the 10,000-character status as a problematic word', async () => {
    const b = await s.status.breakdown(odd.listId);
    const huge = b.statuses.find((x) => x.status === HUGE);
    expect(huge).toMatchObject({ count: 1, category: 'problematic' });
    expect(b.problematic).toBeGreaterThanOrEqual(2);
  });

  it('the problem report counts them and does not die', async () => {
    const report = await s.status.findAndFix({ mode: 'report', listId: odd.listId });
    expect(report.errors).toBe(0);
    expect(report.issues.unknown_status).toBeGreaterThanOrEqual(1);
    expect(report.not_fixable).toBeGreaterThanOrEqual(1);
    expect(report.checked).toBeGreaterThan(10);
  });

  it('hopper explain and fill report impossible timezones and windows, and never queue those leads', async () => {
    const explain = await s.hopper.explain(odd.campaignId);
    expect(explain.total_leads).toBeGreaterThan(10);
    const bad = await s.hopper.explain(odd.badCampaignId);
    expect(JSON.stringify(bad)).toMatch(/Mars\/Olympus|timezone|window/i);
    expect((await s.hopper.fill(odd.badCampaignId)).added).toBe(0);
    const filled = await s.hopper.fill(odd.campaignId);
    const queued = await h.db.selectFrom('dialer_hopper').innerJoin('leads', 'leads.id', 'dialer_hopper.lead_id').select(['leads.timezone', 'leads.status', 'leads.last_dial_attempt']).execute();
    expect(filled.added).toBe(queued.length);
    for (const q of queued) {
      expect(['Not/AZone', "'; drop table leads; --"]).not.toContain(q.timezone);
      expect(q.status).not.toBe(HUGE);
      expect(q.last_dial_attempt).not.toBe('last tuesday');
    }
    expect((await s.hopper.stats(odd.campaignId)).campaign_id).toBe(odd.campaignId);
  });

  it('sync applies the odd hangup causes as failures, and reports and skips the call it cannot date', async () => {
    const before = await getLead(h.db, odd.unreadableCallLead);
    const result = await s.status.syncCalls();
    expect(result.applied).toBe(odd.oddCauseLeads.length);
    for (const id of odd.oddCauseLeads) {
      const lead = await getLead(h.db, id);
      expect(lead.dial_attempts).toBe(1);
      expect(['failed', 'busy', 'congestion', 'no_answer', 'invalid']).toContain(lead.status);
    }
    // Never applied with a wrong time: the lead is as it was and the call stays unapplied.
    expect(await getLead(h.db, odd.unreadableCallLead)).toEqual(before);
    const call = await h.db.selectFrom('call_logs').select('lead_synced_at').where('call_uuid', '=', odd.unreadableCallUuid).executeTakeFirstOrThrow();
    expect(call.lead_synced_at).toBeNull();
    expect(result.unreadableTime).toBe(1);
    expect(result.remaining).toBe(1);
    // A second sync finds the same one call and reports it again, nothing more.
    const again = await s.status.syncCalls();
    expect(again).toMatchObject({ applied: 0, unreadableTime: 1, remaining: 1 });
  });

  it('the report after the sync still runs, and a fix never writes an unreadable time', async () => {
    const report = await s.status.findAndFix({ mode: 'fix', listId: odd.listId });
    expect(report.errors).toBe(0);
    const lead = await getLead(h.db, odd.unreadableCallLead);
    expect(lead.last_dial_attempt === null || !Number.isNaN(Date.parse(lead.last_dial_attempt))).toBe(true);
    expect(lead.status).not.toBe('sale');
  });
}, { reset: 'never' });

describeEachDialect('odd imported rows through the CLI', ({ h }) => {
  it('fix-lead-status --report-only, breakdown, sync-calls, hopper explain and fill report them and exit normally', async () => {
    const odd = await writeOddRows(h);
    const db = dbArgs(h.target);
    const now = ['--now', NOW];
    const [report, breakdown, explain] = await Promise.all([
      runCli(['fix-lead-status', '--report-only', '--json', ...db, ...now]),
      runCli(['breakdown', '--list', String(odd.listId), '--json', ...db]),
      runCli(['hopper', 'explain', '--campaign', String(odd.campaignId), ...db, ...now]),
    ]);
    const sync = await runCli(['sync-calls', '--json', ...db, ...now]);
    const syncText = await runCli(['sync-calls', ...db, ...now]);
    expect(syncText.stdout).toMatch(/1 calls have a start time that cannot be read/);
    const fill = await runCli(['hopper', 'fill', '--campaign', String(odd.campaignId), ...db, ...now]);
    for (const r of [report, breakdown, explain, sync, fill]) {
      expect(r.stderr).not.toMatch(/Unexpected error|RangeError|TypeError|\n\s+at /);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(JSON.parse(report.stdout).issues.unknown_status).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(breakdown.stdout).statuses.some((x: { status: string }) => x.status === HUGE)).toBe(true);
    expect(explain.stdout).toMatch(/Not\/AZone/);
    expect(JSON.parse(sync.stdout)).toMatchObject({ unreadableTime: 1, remaining: 1 });
  });
}, { reset: 'never' });
