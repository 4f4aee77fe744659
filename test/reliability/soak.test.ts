// Issue 19 item 5 (many consoles on one PostgreSQL): the soak of `npm run soak`, for a few seconds
// with two consoles, so CI proves it runs and holds its invariants; and its job check on a
// history written by hand, so a check that would pass anything fails here. The full run (ten
// minutes, five consoles) is `npm run soak`; its figures are in docs/reliability.md.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import { postgresDatabases } from '../../scripts/fresh-database';
import { checkJobRuns } from '../../scripts/soak/checks';
import { runSoak } from '../../scripts/soak/soak';

const databases = postgresDatabases(inject('pgAdminUrl'), { prefix: 'soak_' });
afterAll(() => databases.dropAll());

async function freshUrl(): Promise<string> {
  const target = await databases.fresh();
  if (target.kind !== 'postgres') throw new Error('expected PostgreSQL');
  return target.url;
}

describe('soak: many consoles on one PostgreSQL', () => {
  it('two consoles with jobs on, a dialer and a supervisor recycling and undoing hold every invariant', async () => {
    const { figures, violations } = await runSoak({
      databaseUrl: await freshUrl(),
      durationMs: 8000,
      consoles: 2,
      callsPerSecond: 20,
      leads: 2000,
      schedules: 'every-minute',
      // The clocks are shifted so a minute tick falls inside these few seconds.
      firstTickAfterMs: 10_000,
      out: '',
    });
    expect(violations).toEqual([]);
    // One tick of each of the six jobs at least, each run once across the two consoles.
    expect(figures.jobs.ticks_expected).toBeGreaterThanOrEqual(6);
    expect(figures.jobs.runs).toBeGreaterThanOrEqual(6);
    // The supervisor worked through both consoles' dispatch, and the dialer dialed.
    expect(figures.ipc['recycling/recycle'].ok).toBeGreaterThan(0);
    expect(figures.ipc['operations/last-undoable'].count).toBeGreaterThan(0);
    expect(figures.ipc['hopper/stats'].p95_ms).toBeGreaterThan(0);
    expect(figures.dialer!.recorded).toBeGreaterThan(0);
    expect(figures.hopper.samples).toBeGreaterThan(0);
    expect(figures.hopper.unique_lead_index).toBe(true);
  }, 120_000);

  it('the job check finds a missed tick, a failed run, a run left running, overlapping runs and a foreign runner', async () => {
    const handle = await openDatabase({ kind: 'postgres', url: await freshUrl() });
    try {
      const run = (job: string, tick: string | null, outcome: 'ok' | 'failed' | 'running', runner: string, start: string, end: string | null) => ({
        job,
        scheduled_at: tick,
        source: tick ? ('schedule' as const) : ('manual' as const),
        started_at: start,
        finished_at: end,
        outcome,
        counts: '{}',
        error: outcome === 'failed' ? 'deadlock detected' : null,
        runner,
      });
      await handle.db
        .insertInto('job_runs')
        .values([
          run('fill_hopper', '2026-01-05T10:01:00.000Z', 'ok', 'a', '2026-01-05T10:01:00.500Z', '2026-01-05T10:01:05.000Z'),
          run('fill_hopper', '2026-01-05T10:02:00.000Z', 'failed', 'a', '2026-01-05T10:02:00.500Z', '2026-01-05T10:02:01.000Z'),
          // 10:03 of fill_hopper: never run.
          run('retry_dropped_calls', '2026-01-05T10:02:00.000Z', 'ok', 'b', '2026-01-05T10:02:00.500Z', '2026-01-05T10:02:30.000Z'),
          run('retry_dropped_calls', null, 'ok', 'b', '2026-01-05T10:02:10.000Z', '2026-01-05T10:02:20.000Z'),
          run('cleanup_stale_hopper_entries', null, 'running', 'elsewhere', '2026-01-05T10:02:40.000Z', null),
        ])
        .execute();
      const jobs = await checkJobRuns(handle, new Date('2026-01-05T10:00:30Z'), new Date('2026-01-05T10:03:30Z'), ['a', 'b']);
      // Default schedules: fill_hopper every minute (10:01, 10:02, 10:03), retry_dropped_calls every two (10:02).
      expect(jobs.ticks_expected).toBe(4);
      expect(jobs.ticks_missing).toEqual([{ job: 'fill_hopper', tick: '2026-01-05T10:03:00.000Z' }]);
      expect(jobs.failed).toEqual([{ job: 'fill_hopper', tick: '2026-01-05T10:02:00.000Z', error: 'deadlock detected' }]);
      expect(jobs.left_running).toBe(1);
      expect(jobs.overlaps.map((o) => o.job)).toEqual(['retry_dropped_calls']);
      expect(jobs.foreign_runners).toEqual(['elsewhere']);
      expect(jobs.by_runner).toEqual({ a: 2, b: 2, elsewhere: 1 });
    } finally {
      await handle.close();
    }
  });
});
