// Item 2 (database outage): our own PostgreSQL is stopped (fast shutdown: every session cut) in
// the middle of UI calls, a recycle and the sync job, then started again on the same data. The
// console says so clearly (`database/status`, `database_unavailable` with a readable message and
// no password), reconnects by itself, and the work resumes with nothing half-applied.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import { bulkInsert } from '../../main/db/query/bulk-insert';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import type { Handlers } from '../../main/ipc/handler-types';
import { manualTrigger } from '../../main/services/jobs';
import type { PushEvents } from '../../shared/ipc/contract';
import { makeCampaign, makeList } from '../support/fixtures';
import { OutageServer } from './support/outage-server';
import { expectReadableError } from './support/readable';

const LEADS = 8000;
const CALLS_PER_LEAD = 2;
const PASSWORD = 'outage-secret-pw';
const ctx = { emit: () => undefined };

describe('PostgreSQL outage', () => {
  let server: OutageServer;
  let runtime: AppRuntime;
  let handlers: Handlers;
  let listId: number;
  const statuses: PushEvents['database/status'][] = [];
  const outages = { survived: 0, midOperation: 0 };

  const waitHealthy = async () => {
    for (let i = 0; i < 100; i++) {
      if ((await runtime.checkHealth()) === 'ok') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the console did not reconnect within 10 s');
  };
  const outage = async (during: () => Promise<void>) => {
    await server.stop();
    await during();
    await server.start();
    await waitHealthy();
    outages.survived += 1;
  };

  beforeAll(async () => {
    server = await OutageServer.start();
    const url = await server.createDatabase('outage');
    runtime = new AppRuntime({ shell: 'browser', version: 'outage', jobTrigger: manualTrigger, healthIntervalMs: 60_000 });
    runtime.events.subscribe((event, payload) => event === 'database/status' && statuses.push(payload as PushEvents['database/status']));
    await runtime.useDatabase({ kind: 'postgres', url });
    handlers = createHandlers(runtime);
    const h = runtime.handle;
    const campaignId = await makeCampaign(h, 'Outage');
    listId = await makeList(h, campaignId);
    const t0 = Date.UTC(2026, 10, 24, 9);
    await bulkInsert(h.db, h.dialect, 'leads', Array.from({ length: LEADS }, (_, i) => ({ list_id: listId, phone: `+1555${String(i).padStart(7, '0')}`, status: 'no_answer', dial_attempts: 0 })));
    const ids = (await h.db.selectFrom('leads').select('id').orderBy('id').execute()).map((r) => r.id);
    await bulkInsert(
      h.db,
      h.dialect,
      'call_logs',
      ids.flatMap((id, i) => Array.from({ length: CALLS_PER_LEAD }, (_, k) => ({ call_uuid: `c-${id}-${k}`, lead_id: id, started_at: new Date(t0 + (i % 600) * 1000 + k * 3_600_000).toISOString(), result: k ? 'busy' : 'no_answer' }))),
    );
  }, 180_000);

  afterAll(async () => {
    await runtime?.stop();
    await server?.close();
    const out = path.resolve(__dirname, '../../test-results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'outage-postgres.json'), `${JSON.stringify(outages)}\n`);
    console.log(`PostgreSQL outages survived: ${outages.survived} (${outages.midOperation} in the middle of an operation)`);
  });

  it('UI calls during the outage get database_unavailable, the window hears about it, and all is well once it is back', async () => {
    expect(await dispatch(handlers, 'campaigns/list', {}, ctx)).toMatchObject({ ok: true });
    await outage(async () => {
      for (const [channel, input] of [['campaigns/list', {}], ['recycling/breakdown', { listId }], ['hopper/cleanup', {}], ['jobs/list', {}]] as const) {
        const r = await dispatch(handlers, channel, input, ctx);
        expect(r.ok, channel).toBe(false);
        if (!r.ok) {
          expect(r.error.code, `${channel}: ${r.error.message}`).toBe('database_unavailable');
          expectReadableError(r.error, [PASSWORD]);
        }
      }
      expect(await runtime.checkHealth()).toBe('unavailable');
      expect(statuses.at(-1)).toMatchObject({ state: 'unavailable', message: expect.stringMatching(/Lost the connection/) });
      // The scheduler's tick meets the outage, reports it, and does not throw.
      const tick = await runtime.scheduler.tick(new Date(Date.now() + 3_600_000));
      expect(tick.error).toMatch(/cannot reach the database/);
    });
    expect(statuses.at(-1)).toMatchObject({ state: 'ok' });
    expect(JSON.stringify(statuses)).not.toContain(PASSWORD);
    expect(await dispatch(handlers, 'recycling/breakdown', { listId }, ctx)).toMatchObject({ ok: true, value: { total: LEADS } });
  }, 120_000);

  it('a recycle cut by the outage is all or nothing, and runs whole afterwards', async () => {
    const running = dispatch(handlers, 'recycling/recycle', { listId, statuses: ['no_answer'], targetStatus: 'busy' }, ctx);
    await new Promise((r) => setTimeout(r, 150));
    let result: Awaited<typeof running> | undefined;
    await outage(async () => {
      result = await running;
    });
    const h = runtime.handle;
    const counts = await h.db.selectFrom('leads').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    expect(counts.length, JSON.stringify(counts)).toBe(1);
    expect(await h.db.selectFrom('operations').select('id').where('state', '=', 'running').execute()).toEqual([]);
    if (!result!.ok) {
      outages.midOperation += 1;
      expect(result!.error.code).toBe('database_unavailable');
      expect(counts[0].status).toBe('no_answer');
      expect(await dispatch(handlers, 'recycling/recycle', { listId, statuses: ['no_answer'], targetStatus: 'busy' }, ctx)).toMatchObject({ ok: true, value: { changed: LEADS } });
    }
    const after = await h.db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'busy').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(LEADS);
    const moved = await h.db.selectFrom('operation_leads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(moved.n)).toBe(LEADS);
  }, 120_000);

  it('the sync job cut by outages three times resumes; every call is applied exactly once', async () => {
    const h = runtime.handle;
    const invariant = async () => {
      // Each lead counts exactly its applied calls: nothing half-applied, nothing twice.
      const bad = await sql<{ id: number }>`select l.id from leads l
        where l.dial_attempts <> (select count(*) from call_logs c where c.lead_id = l.id and c.lead_synced_at is not null)`.execute(h.db);
      expect(bad.rows.length).toBe(0);
    };
    for (let cycle = 0; cycle < 3; cycle++) {
      const before = Number((await h.db.selectFrom('call_logs').select((eb) => eb.fn.countAll<number>().as('n')).where('lead_synced_at', 'is', null).executeTakeFirstOrThrow()).n);
      if (before === 0) break;
      const running = dispatch(handlers, 'jobs/run-now', { job: 'sync_call_log_to_lead_status' }, ctx);
      await new Promise((r) => setTimeout(r, 200 + cycle * 150));
      await outage(async () => {
        const r = await running;
        if (!r.ok) expect(r.error.code).toBe('database_unavailable');
        else if ((r.value as { outcome: string }).outcome === 'failed') outages.midOperation += 1;
      });
      await invariant();
    }
    const finish = await dispatch(handlers, 'jobs/run-now', { job: 'sync_call_log_to_lead_status' }, ctx);
    // Not "skipped by a run that is over": the cut runs were recorded and their lease released.
    expect(finish).toMatchObject({ ok: true, value: { outcome: 'ok', counts: { remaining: 0 } } });
    const runs = await h.db.selectFrom('job_runs').select(['outcome', 'finished_at']).where('job', '=', 'sync_call_log_to_lead_status').execute();
    expect(runs.filter((r) => r.outcome === 'running' || r.finished_at === null)).toEqual([]);
    await invariant();
    const total = await h.db.selectFrom('leads').select((eb) => eb.fn.sum<number>('dial_attempts').as('n')).executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(LEADS * CALLS_PER_LEAD);
  }, 180_000);
});
