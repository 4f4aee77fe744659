import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import type { DbHandle } from '../../main/db/open-database';
import { fixedClock } from '../../main/db/time';
import { dispatch } from '../../main/ipc/dispatch';
import type { HandlerContext, Handlers } from '../../main/ipc/handler-types';
import { manualTrigger } from '../../main/services/jobs';
import { CHANNEL_NAMES, type PushEvent } from '../../shared/ipc/contract';
import { describeEachDialect, resetDatabase } from '../support/databases';
import { useHandlerRuntime } from '../support/handler-runtime';
import { at, makeCampaign, makeLead, makeList } from '../support/fixtures';

describeEachDialect('IPC handlers over the services', ({ dialect }) => {
  let runtime: AppRuntime;
  let h: DbHandle;
  let listId: number;
  let campaignId: number;
  const pushed: [PushEvent, unknown][] = [];
  const ctx: HandlerContext = { emit: (event, payload) => pushed.push([event, payload]) };

  const rt = useHandlerRuntime(dialect, fixedClock(at(12)), ctx);
  const { call } = rt;
  beforeAll(() => {
    ({ runtime, h } = rt);
  });
  beforeEach(async () => {
    await resetDatabase(h);
    pushed.length = 0;
    campaignId = await makeCampaign(h);
    listId = await makeList(h, campaignId);
    for (let i = 0; i < 3; i++) await makeLead(h, listId, { status: 'no_answer', dial_attempts: 2, last_dial_attempt: at(9), last_status_change: at(9) });
    await makeLead(h, listId, { status: null });
    await makeLead(h, listId, { status: 'dnc' });
  });

  it('has a handler for exactly the contract channels', () => {
    expect(Object.keys(rt.handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('answers app info and the navigator', async () => {
    expect(await call('app/get-info', {})).toMatchObject({ ok: true, value: { version: '9.9.9', shell: 'browser', database: { kind: dialect } } });
    const campaigns = await call('campaigns/list', {});
    expect(campaigns).toMatchObject({ ok: true, value: [{ id: campaignId, lists: [{ id: listId, leads: 5 }] }] });
  });

  it('validates input: readable invalid_input, nothing run', async () => {
    const r = await call('recycling/breakdown', { listId: 'one' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!r.ok && r.error.message).toMatch(/^Invalid request: listId: /);
    expect(await call('recycling/breakdown', { listId: 1, extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('recycling/recycle', { listId, statuses: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('no/such-channel', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('recycling/breakdown', { listId: 999 })).toEqual({ ok: false, error: { code: 'not_found', message: 'List 999 does not exist.' } });
  });

  it('recycles with progress events, then undoes', async () => {
    const preview = await call('recycling/preview', { listId, statuses: ['no_answer', null, 'dnc'], resetDialCount: true });
    expect(preview).toMatchObject({ ok: true, value: { will_change: 4, skipped_dnc: 1 } });
    const r = await call('recycling/recycle', { listId, statuses: ['no_answer', null, 'dnc'], resetDialCount: true, progressId: 'rec-1' });
    expect(r).toMatchObject({ ok: true, value: { kind: 'recycle', changed: 4 } });
    expect(pushed.at(-1)).toEqual(['operation/progress', { progressId: 'rec-1', phase: 'recycling', done: 4, total: 4 }]);
    const breakdown = await call('recycling/breakdown', { listId });
    expect(breakdown).toMatchObject({ ok: true, value: { total: 5, statuses: [{ status: 'new', count: 4 }, { status: 'dnc', count: 1 }] } });
    const last = await call('operations/last-undoable', { listId });
    expect(last).toMatchObject({ ok: true, value: { undoable: true, changed: 4 } });
    const opId = r.ok ? (r.value as { operation_id: string }).operation_id : '';
    expect(await call('operations/undo', { operationId: opId, progressId: 'undo-1' })).toMatchObject({ ok: true, value: { kind: 'undo', changed: 4 } });
    expect(pushed.some(([e, p]) => e === 'operation/progress' && (p as { progressId: string }).progressId === 'undo-1')).toBe(true);
    const audit = await call('audit/list', { listId, source: 'undo' });
    expect(audit.ok && (audit.value as unknown[]).length).toBe(4);
    const csv = await call('audit/export-csv', { listId });
    expect(csv.ok && (csv.value as { csv: string }).csv.split('\r\n').length).toBe(10);
  });

  it('reports and fixes problem leads of a list with progress', async () => {
    expect(await call('leads/problem-report', { listId })).toMatchObject({ ok: true, value: { issues: { null_status: 1 }, mode: 'report' } });
    expect(await call('leads/fix-problematic', { listId, dryRun: true })).toMatchObject({ ok: true, value: { fixed: 1, mode: 'dry-run' } });
    const fix = await call('leads/fix-problematic', { listId, dryRun: false, progressId: 'fix-1' });
    expect(fix).toMatchObject({ ok: true, value: { fixed: 1, mode: 'fix' } });
    expect(pushed.some(([e, p]) => e === 'operation/progress' && (p as { phase: string }).phase === 'fixing')).toBe(true);
    expect(await call('operations/last-undoable', { listId })).toMatchObject({ ok: true, value: { kind: 'fix', undoable: true } });
    expect(await call('leads/problem-report', { listId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('serves the hopper and the jobs', async () => {
    // Open all day, room for two: of three never-dialed leads (the others wait out their retry
    // delay, have no status or are dnc) the fill queues two and leaves one eligible.
    await h.db.updateTable('campaigns').set({ call_window_start: '00:00', call_window_end: '24:00', timezone: 'UTC', hopper_target: 2 }).where('id', '=', campaignId).execute();
    const fresh = [await makeLead(h, listId), await makeLead(h, listId), await makeLead(h, listId)];
    expect(await call('hopper/stats', { campaignId })).toMatchObject({ ok: true, value: { campaign_id: campaignId, queued: 0, target: 2, eligible_now: 3 } });
    expect(await call('hopper/explain', { campaignId })).toMatchObject({ ok: true, value: { campaign_id: campaignId, total_leads: 8 } });
    expect(await call('hopper/fill', { campaignId })).toMatchObject({ ok: true, value: { campaign_id: campaignId, added: 2, queued_after: 2, target: 2 } });
    const queued = (await h.db.selectFrom('dialer_hopper').select('lead_id').orderBy('lead_id').execute()).map((r) => r.lead_id);
    expect(queued).toEqual(fresh.slice(0, 2));
    expect(await call('hopper/stats', { campaignId })).toMatchObject({ ok: true, value: { queued: 2, eligible_now: 1 } });
    // A queued lead that became dnc is what cleanup takes out, and only that one.
    await h.db.updateTable('leads').set({ status: 'dnc' }).where('id', '=', queued[0]).execute();
    const cleanup = await call('hopper/cleanup', {});
    expect(cleanup).toMatchObject({ ok: true, value: { removed: 1 } });
    expect(Object.values((cleanup as { value: { by_reason: Record<string, number> } }).value.by_reason)).toEqual([1]);
    expect((await h.db.selectFrom('dialer_hopper').select('lead_id').execute()).map((r) => r.lead_id)).toEqual([queued[1]]);
    const jobs = await call('jobs/list', {});
    expect(jobs.ok && (jobs.value as unknown[]).length).toBe(6);
    expect(await call('jobs/set', { job: 'fill_hopper', enabled: false })).toMatchObject({ ok: true, value: { job: 'fill_hopper', enabled: false } });
    expect(await call('jobs/set', { job: 'fill_hopper' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const seen: string[] = [];
    const off = runtime.events.subscribe((event) => seen.push(event));
    const run = await call('jobs/run-now', { job: 'cleanup_stale_hopper_entries' });
    off();
    expect(seen).toEqual(expect.arrayContaining(['jobs/run-started', 'jobs/run-finished']));
    expect(run).toMatchObject({ ok: true, value: { job: 'cleanup_stale_hopper_entries' } });
    expect(await call('jobs/history', { job: 'cleanup_stale_hopper_entries' })).toMatchObject({ ok: true, value: [{ job: 'cleanup_stale_hopper_entries' }] });
  });

  it('turns an unexpected failure into internal, without stack or SQL', async () => {
    const broken: Handlers = { ...rt.handlers, 'campaigns/list': async () => { throw new Error('select * from secret_table where password = hunter2'); } };
    const r = await dispatch(broken, 'campaigns/list', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toMatch(/hunter2|secret_table|at /);
  });

  it('refuses to open a SQLite file without a path in browser mode', async () => {
    expect(await call('database/open-sqlite', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('database/test-postgres', { host: '127.0.0.1', port: 1, database: 'x', user: 'u', password: 'pw-secret', sslMode: 'disable' })).toMatchObject({
      ok: false,
      error: { code: 'database_unavailable' },
    });
  });
}, { open: false });
