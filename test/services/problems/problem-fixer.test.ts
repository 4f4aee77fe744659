import { beforeAll, beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { StatusService } from '../../../main/services/status/status-service';
import { describeEachDialect } from '../../support/databases';
import { at, getLead, makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { snapshotTables } from '../../support/table-snapshot';

describeEachDialect('finding and fixing problem leads', ({ h }) => {
  let svc: StatusService;
  let campaignA: number;
  let listA: number;
  let listB: number;
  beforeAll(async () => {
    svc = new StatusService(h, fixedClock(at(23)));
  });
  beforeEach(async () => {
    campaignA = await makeCampaign(h, 'A');
    listA = await makeList(h, campaignA);
    listB = await makeList(h, await makeCampaign(h, 'B'));
  });

  /** One lead of every class, and a healthy one. */
  async function mixedLeads() {
    const ids = {
      blankDialed: await makeLead(h, listA, { status: '', dial_attempts: 1, last_dial_attempt: at(9) }),
      newWithCall: await makeLead(h, listA, { status: 'new' }),
      tracking: await makeLead(h, listA, { status: 'busy', dial_attempts: 0, last_dial_attempt: null, last_status_change: at(7) }),
      nullFresh: await makeLead(h, listA, { status: null }),
      alias: await makeLead(h, listA, { status: 'B' }),
      unknown: await makeLead(h, listA, { status: 'XFER' }),
      healthy: await makeLead(h, listA, { status: 'busy', dial_attempts: 1, last_dial_attempt: at(9), dial_result: 'busy', last_status_change: at(9) }),
      otherCampaign: await makeLead(h, listB, { status: null }),
    };
    await makeCall(h, ids.newWithCall, at(10), 'voicemail');
    await makeCall(h, ids.tracking, at(8), 'busy');
    await makeCall(h, ids.healthy, at(9), 'busy', { synced: at(9) });
    return ids;
  }

  it('previews the reconcile job: the unapplied calls it applies first and the dry run over every list, changing nothing', async () => {
    await mixedLeads();
    const before = await snapshotTables(h);
    const preview = await svc.reconcilePreview();
    expect(await snapshotTables(h)).toEqual(before);
    // newWithCall's voicemail and tracking's busy are not applied yet; healthy's is.
    expect(preview.unapplied_calls).toBe(2);
    expect(preview.report).toMatchObject({ mode: 'dry-run', scope: { campaign_id: null, list_id: null }, operation_id: null });
    expect(preview.report).toEqual(await svc.findAndFix({ mode: 'dry-run' }));
    expect(preview.report.checked).toBe(8);
    expect(preview.report.fixed).toBeGreaterThan(0);
  });

  it('counts each lead once, in the first class it matches', async () => {
    await mixedLeads();
    const report = await svc.findAndFix({ mode: 'report' });
    expect(report.issues).toEqual({ dialed_but_new: 2, missing_dial_tracking: 1, null_status: 2, unknown_status: 2 });
    expect(report).toMatchObject({ checked: 8, total_issues: 7, not_fixable: 1, fixed: 0, operation_id: null });
  });

  it('report-only and dry run change nothing at all', async () => {
    await mixedLeads();
    const before = await snapshotTables(h);
    await svc.findAndFix({ mode: 'report' });
    const dry = await svc.findAndFix({ mode: 'dry-run' });
    expect(dry.fixed).toBe(6);
    expect(dry.status_distribution_after).toEqual({ failed: 1, voicemail: 1, busy: 2, new: 2 });
    expect(await snapshotTables(h)).toEqual(before);
  });

  it('fixes every fixable lead under one operation id with audit rows, and a second fix finds nothing', async () => {
    const ids = await mixedLeads();
    const report = await svc.findAndFix({ mode: 'fix', batchSize: 3 });
    expect(report).toMatchObject({ fixed: 6, not_fixable: 1, errors: 0 });
    expect(report.status_distribution_after).toEqual({ failed: 1, voicemail: 1, busy: 2, new: 2 });
    expect(await getLead(h.db, ids.blankDialed)).toMatchObject({ status: 'failed' });
    expect(await getLead(h.db, ids.newWithCall)).toMatchObject({ status: 'voicemail', dial_attempts: 1, last_dial_attempt: at(10), dial_result: 'voicemail' });
    expect(await getLead(h.db, ids.tracking)).toMatchObject({ status: 'busy', dial_attempts: 1, last_dial_attempt: at(8), dial_result: 'busy' });
    expect((await getLead(h.db, ids.alias)).status).toBe('busy');
    expect((await getLead(h.db, ids.unknown)).status).toBe('XFER');
    const audit = await h.db.selectFrom('lead_status_audit').selectAll().execute();
    expect(audit.every((a) => a.source === 'fix' && a.operation_id === report.operation_id)).toBe(true);
    // blank→failed, new→voicemail, null→new twice, B→busy; `tracking` kept its status.
    expect(audit).toHaveLength(5);
    const calls = await h.db.selectFrom('call_logs').select('lead_synced_at').execute();
    expect(calls.every((c) => c.lead_synced_at !== null)).toBe(true);
    const op = await h.db.selectFrom('operations').selectAll().where('id', '=', report.operation_id!).executeTakeFirstOrThrow();
    expect(op).toMatchObject({ kind: 'fix', state: 'done' });

    const again = await svc.findAndFix({ mode: 'fix' });
    expect(again.total_issues - again.not_fixable).toBe(0);
    expect(again.fixed).toBe(0);
  });

  it('keeps to one campaign when asked', async () => {
    const ids = await mixedLeads();
    const report = await svc.findAndFix({ mode: 'fix', campaignId: campaignA });
    expect(report.checked).toBe(7);
    expect((await getLead(h.db, ids.otherCampaign)).status).toBeNull();
  });

  it('ignores calls made before the dial count was reset', async () => {
    const id = await makeLead(h, listA, { status: 'new', dial_attempts: 0, last_dial_attempt: at(9), attempts_reset_at: at(10), last_status_change: at(10) });
    await makeCall(h, id, at(8), 'no_answer', { synced: at(8) });
    await makeCall(h, id, at(9), 'no_answer', { synced: at(9) });
    const report = await svc.findAndFix({ mode: 'report' });
    expect(report.total_issues).toBe(0);
    await makeCall(h, id, at(11), 'busy');
    const after = await svc.findAndFix({ mode: 'fix' });
    expect(after.issues.dialed_but_new).toBe(1);
    expect(await getLead(h.db, id)).toMatchObject({ status: 'busy', dial_attempts: 1, last_dial_attempt: at(11) });
  });

  it('streams many batches with the same result as one', async () => {
    for (let i = 0; i < 25; i++) await makeLead(h, listA, { status: i % 2 ? null : 'NA' });
    const report = await svc.findAndFix({ mode: 'fix', batchSize: 4 });
    expect(report).toMatchObject({ checked: 25, fixed: 25 });
    const statuses = await h.db.selectFrom('leads').select('status').where('list_id', '=', listA).execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['new', 'no_answer']));
  });

  it('stopped midway, reports exactly the ranges it wrote (ranges in flight included)', async () => {
    for (let i = 0; i < 12; i++) await makeLead(h, listA, { status: null });
    let progressCalls = 0;
    const report = await svc.findAndFix({ mode: 'fix', batchSize: 2, onProgress: () => (progressCalls += 1), shouldStop: () => progressCalls > 0 });
    expect(report.stopped).toBe(true);
    expect(report.checked).toBeLessThan(12);
    const fixedInDb = await h.db.selectFrom('leads').select('id').where('status', 'is not', null).execute();
    // Every lead is a problem: what was checked was fixed, and nothing else was written.
    expect(report).toMatchObject({ fixed: report.checked, errors: 0 });
    expect(fixedInDb).toHaveLength(report.checked);
    const audits = await h.db.selectFrom('lead_status_audit').select('lead_id').execute();
    expect(audits).toHaveLength(report.checked);
  });

  it('a run that breaks between ranges ends with its operation failed at once, not left running', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await makeLead(h, listA, { status: null, dial_attempts: 1, last_dial_attempt: at(9) }));
    // What breaks is outside the ranges' own writes (there a failure is counted in the report):
    // here the caller's progress callback, as a lost connection or a full pool breaks the next
    // range's boundary query.
    let ranges = 0;
    const onProgress = () => {
      if (++ranges === 2) throw new Error('broken by the test');
    };
    await expect(svc.findAndFix({ mode: 'fix', batchSize: 1, onProgress })).rejects.toThrow(/broken by the test/);
    const ops = await h.db.selectFrom('operations').select(['state', 'summary']).execute();
    expect(ops).toHaveLength(1);
    expect(ops[0].state).toBe('failed');
    // What the committed ranges did stays changed (on PostgreSQL the third range may have been in
    // flight and committed too) and is recorded.
    expect(JSON.parse(String(ops[0].summary))).toMatchObject({ fixed: 2, stopped: true });
    expect((await getLead(h.db, ids[0])).status).not.toBeNull();
    expect((await getLead(h.db, ids[1])).status).not.toBeNull();
  });

  it('shows progress against the number of leads in scope (counted list by list)', async () => {
    const listA2 = await makeList(h, campaignA);
    for (let i = 0; i < 5; i++) await makeLead(h, listA, { status: null });
    for (let i = 0; i < 3; i++) await makeLead(h, listA2, { status: 'busy' });
    for (let i = 0; i < 4; i++) await makeLead(h, listB, { status: null });
    const seen = async (scope: { campaignId?: number; listId?: number }) => {
      const progress: { checked: number; total: number }[] = [];
      await svc.findAndFix({ mode: 'report', batchSize: 2, ...scope, onProgress: (p) => progress.push(p) });
      return { totals: [...new Set(progress.map((p) => p.total))], last: progress.at(-1)?.checked };
    };
    expect(await seen({})).toEqual({ totals: [12], last: 12 });
    expect(await seen({ campaignId: campaignA })).toEqual({ totals: [8], last: 8 });
    expect(await seen({ listId: listA2 })).toEqual({ totals: [3], last: 3 });
  });

  it('counts every lead for the progress total, whatever its status (NULL, blank, odd words, hundreds of them)', async () => {
    await mixedLeads();
    // More distinct words than the count takes one by one (the rest of the list goes in one count).
    const odd = Array.from({ length: 300 }, (_, i) => ({ list_id: listB, phone: `+1 (646) 555-${1000 + i}`, status: i % 5 === 0 ? 'busy' : `w${i}` }));
    await h.db.insertInto('leads').values(odd).execute();
    const totals: number[] = [];
    const report = await svc.findAndFix({ mode: 'report', batchSize: 50, onProgress: (p) => totals.push(p.total) });
    expect(report.checked).toBe(8 + 300);
    expect(new Set(totals)).toEqual(new Set([8 + 300]));
    // Without a progress bar (no total counted ahead) the report is the same.
    expect(await svc.findAndFix({ mode: 'report', batchSize: 50 })).toEqual(report);
  });

  it('reports a breakdown of a list with NULL, aliases and unknown words as problematic', async () => {
    await mixedLeads();
    const b = await svc.breakdown(listA);
    expect(b.total).toBe(7);
    expect(b.recyclable).toBe(2);
    expect(b.problematic).toBe(4);
    const byStatus = Object.fromEntries(b.statuses.map((s) => [String(s.status), s]));
    expect(byStatus.null).toMatchObject({ count: 1, category: 'problematic' });
    expect(byStatus['']).toMatchObject({ count: 1, category: 'problematic' });
    expect(byStatus.busy).toMatchObject({ count: 2, category: 'recyclable' });
    expect(byStatus.B.category).toBe('problematic');
    expect(b.statuses.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 5);
    await expect(svc.breakdown(9999)).rejects.toThrow(/List 9999 does not exist/);
  });

  it('counts the recyclable leads of a campaign by its recyclable statuses', async () => {
    await mixedLeads();
    await h.db.updateTable('campaigns').set({ recyclable_statuses: 'busy,voicemail' }).where('id', '=', campaignA).execute();
    const r = await svc.recyclable(campaignA);
    expect(r).toMatchObject({ total: 2, by_status: { busy: 2 } });
    expect(await svc.recyclableLeadIds(campaignA)).toHaveLength(2);
  });
});
