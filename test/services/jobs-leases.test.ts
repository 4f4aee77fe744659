// One runner at a time: overlap, a crashed holder, two schedulers on one database, and a lost
// database connection. Two schedulers on one SQLite file are two processes (test/cli).
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import type { DatabaseTarget } from '../../main/db/database-config';
import type { JobRun } from '../../shared/types/jobs';
import type { PushEvents } from '../../shared/ipc/contract';
import { DIALECTS, createTestTarget, resetDatabase } from '../support/databases';
import { controlledServices, deferred, makeScheduler, minute, mutableClock, runRows, tickLabels } from '../support/jobs-harness';

for (const dialect of DIALECTS) {
  describe(`job leases [${dialect}]`, () => {
    let target: DatabaseTarget;
    let h: DbHandle;
    beforeAll(async () => {
      target = await createTestTarget(dialect);
      h = await openDatabase(target);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      await resetDatabase(h);
    });

    it('never overlaps a job with itself: a tick that finds it running is recorded as skipped', async () => {
      const clock = mutableClock(minute(9).toISOString());
      const { services, sync } = controlledServices(h, clock);
      // The holder renews its lease every leaseMs/3 of real time; this test moves the clock ten
      // minutes in an instant, so the lease must outlast that jump without a renewal.
      const scheduler = makeScheduler(h, clock, services, { jobs: ['sync_call_log_to_lead_status'], leaseMs: 3_600_000 });
      const gate = deferred();
      sync.gate = gate.promise;
      const started = new Promise<PushEvents['jobs/run-started']>((r) => scheduler.once('jobs/run-started', r));
      clock.set(minute(10));
      const first = scheduler.tick();
      const { run_id } = await started;
      clock.set(minute(20));
      const [second] = (await scheduler.tick()).runs as JobRun[];
      expect(second).toMatchObject({ outcome: 'skipped', scheduled_at: minute(20).toISOString() });
      expect(second.error).toContain(`${scheduler.runnerId} (run ${run_id}) was still running`);
      const manual = await scheduler.runNow('sync_call_log_to_lead_status');
      expect(manual).toMatchObject({ outcome: 'skipped', source: 'manual', scheduled_at: null });
      expect((await scheduler.list())[0].running).toBe(true);
      gate.resolve();
      const [firstRun] = (await first).runs as JobRun[];
      expect(firstRun).toMatchObject({ id: run_id, outcome: 'ok' });
      expect(sync.calls).toHaveLength(1);
      expect((await scheduler.list())[0].running).toBe(false);
      expect((await runRows(h)).map((r) => r.outcome)).toEqual(['ok', 'skipped', 'skipped']);
    });

    it("takes over a crashed holder's lease once it expires and marks its run as failed", async () => {
      // What a console killed in the middle of a run leaves behind: a running row and its lease.
      const crashAt = minute(10);
      const dead = await h.db
        .insertInto('job_runs')
        .values({ job: 'reconcile_lead_status', scheduled_at: null, source: 'manual', started_at: crashAt.toISOString(), outcome: 'running', runner: 'dead-console' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await h.db
        .insertInto('job_leases')
        .values({ job: 'reconcile_lead_status', holder: 'dead-console', run_id: dead.id, acquired_at: crashAt.toISOString(), expires_at: minute(12).toISOString() })
        .execute();
      const clock = mutableClock(minute(11).toISOString());
      const { services } = controlledServices(h, clock);
      const scheduler = makeScheduler(h, clock, services, { leaseMs: 120_000 });
      const blocked = await scheduler.runNow('reconcile_lead_status');
      expect(blocked).toMatchObject({ outcome: 'skipped' });
      expect(blocked.error).toContain('dead-console');
      clock.set(minute(12));
      const taken = await scheduler.runNow('reconcile_lead_status');
      expect(taken).toMatchObject({ outcome: 'ok', runner: scheduler.runnerId });
      const deadRow = (await runRows(h)).find((r) => r.id === dead.id)!;
      expect(deadRow).toMatchObject({ outcome: 'failed', finished_at: minute(12).toISOString() });
      expect(deadRow.error).toMatch(/dead-console stopped before finishing/);
      expect(await h.db.selectFrom('job_leases').selectAll().execute()).toEqual([]);
    });

    it('keeps running when the database is gone, reports it, and does not throw', async () => {
      const other = await openDatabase(target);
      const clock = mutableClock(minute(9).toISOString());
      const { services } = controlledServices(other, clock);
      const scheduler = makeScheduler(other, clock, services, { jobs: ['sync_call_log_to_lead_status'] });
      const status: PushEvents['database/status'][] = [];
      scheduler.on('database/status', (s) => status.push(s));
      await other.close();
      clock.set(minute(10));
      const report = await scheduler.tick();
      expect(report.runs).toEqual([]);
      expect(report.error).toMatch(/cannot reach the database.*retrying in 1 s/);
      expect(status.map((s) => s.state)).toEqual(['unavailable']);
      clock.set(minute(10, 0.5));
      expect((await scheduler.tick()).error).toMatch(/waiting to retry/);
      clock.set(minute(10, 2));
      expect((await scheduler.tick()).error).toMatch(/retrying in 2 s/);
    });
  });
}

describe('two schedulers on one PostgreSQL database', () => {
  let target: DatabaseTarget;
  let a: DbHandle;
  let b: DbHandle;
  beforeAll(async () => {
    target = await createTestTarget('postgres');
    a = await openDatabase(target);
    b = await openDatabase(target);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('run each tick exactly once between them', async () => {
    await resetDatabase(a);
    const clockA = mutableClock(minute(0, 30).toISOString());
    const clockB = mutableClock(minute(0, 30).toISOString());
    const one = makeScheduler(a, clockA, controlledServices(a, clockA).services, { runnerId: 'console-a' });
    const two = makeScheduler(b, clockB, controlledServices(b, clockB).services, { runnerId: 'console-b' });
    for (let m = 1; m <= 10; m++) {
      clockA.set(minute(m));
      clockB.set(minute(m, 0.2));
      const [ra, rb] = await Promise.all([one.tick(), two.tick()]);
      // Every due tick was claimed by exactly one of the two.
      const claimed = [...ra.runs, ...rb.runs].filter((r) => r !== null);
      expect(claimed.length).toBe(ra.runs.length);
      expect(ra.runs.length).toBe(rb.runs.length);
    }
    const rows = await runRows(a);
    const labels = await tickLabels(a);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((l) => l.startsWith('fill_hopper@'))).toHaveLength(10);
    expect(labels.filter((l) => l.startsWith('sync_call_log_to_lead_status@'))).toEqual(['sync_call_log_to_lead_status@00:10']);
    expect(rows.every((r) => r.outcome === 'ok')).toBe(true);
    expect(rows.length).toBe(10 + 5 + 2 + 2 + 1);
  });

  it('survives the server dropping its connections and catches up on the missed tick', async () => {
    await resetDatabase(a);
    const dbName = new URL((target as { url: string }).url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    try {
      const clock = mutableClock(minute(9).toISOString());
      const scheduler = makeScheduler(a, clock, controlledServices(a, clock).services, { jobs: ['sync_call_log_to_lead_status'] });
      const status: string[] = [];
      scheduler.on('database/status', (s) => status.push(s.state));
      await admin.query(`alter database ${dbName} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [dbName]);
      // Termination is asynchronous: wait until the server has closed every connection and the
      // pool has heard of it, so the test does not depend on when the signal lands. (A connection
      // killed while a client is checked out between two queries is a pg-pool hazard: see the
      // note in the report about adding an error listener per client in main/db/postgres/open-postgres.ts.)
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 100));
      clock.set(minute(10));
      expect((await scheduler.tick()).error).toMatch(/cannot reach the database/);
      await admin.query(`alter database ${dbName} allow_connections true`);
      // The pool may still hand out a connection the server killed: the scheduler retries with
      // backoff until a tick gets through, then runs the tick it missed.
      let runs: (JobRun | null)[] = [];
      for (let i = 1; i <= 5 && runs.length === 0; i++) {
        clock.set(minute(10, 70 * i));
        runs = (await scheduler.tick()).runs;
      }
      expect(runs[0]).toMatchObject({ outcome: 'ok', scheduled_at: minute(10).toISOString() });
      expect(status[0]).toBe('unavailable');
      expect(status[status.length - 1]).toBe('ok');
    } finally {
      await admin.query(`alter database ${dbName} allow_connections true`).catch(() => undefined);
      await admin.end();
    }
  });
});
