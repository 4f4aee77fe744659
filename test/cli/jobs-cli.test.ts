// `lead-console jobs …` and `run-jobs` as a supervisor runs them, in their own processes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import type { JobInfo, JobRun } from '../../shared/types/jobs';
import { createTestTarget } from '../support/databases';
import { runCli } from '../support/cli';
import { startCli } from '../support/jobs-process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-jobs-cli-'));

describe('jobs usage errors', () => {
  const db = path.join(tmp, 'usage.sqlite');
  fs.writeFileSync(db, '');
  it.each([
    [['jobs', 'run', 'fill_the_hopper', '--db', db], /There is no job "fill_the_hopper"\. The jobs are: fill_hopper, /],
    [['jobs', 'set', 'nope', '--enable', '--db', db], /There is no job "nope"/],
    [['jobs', 'history', '--job', 'nope', '--db', db], /There is no job "nope"/],
    [['jobs', 'set', 'fill_hopper', '--schedule', 'every minute', '--db', db], /"every minute" is not a valid schedule/],
    [['jobs', 'set', 'fill_hopper', '--schedule', '*/90 * * * *', '--db', db], /minute step \/90 is larger than 59/],
    [['jobs', 'set', 'fill_hopper', '--enable', '--disable', '--db', db], /--enable or --disable, not both/],
    [['jobs', 'set', 'fill_hopper', '--db', db], /Give --schedule CRON, --enable or --disable/],
    [['jobs', 'history', '--limit', '0', '--db', db], /--limit must be between 1 and 1,000/],
    [['jobs', 'run', '--db', db], /missing required argument 'name'/],
    [['run-jobs', '--now', '2026-03-02T10:00:00Z', '--db', db], /--now only works with --once/],
    [['run-jobs', '--retention-days', 'x', '--db', db], /--retention-days needs a whole number/],
  ])('%j exits 2 with one clear line', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(message);
  });
});

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`jobs from the command line [${dialect}]`, () => {
    let dbArgs: string[];
    beforeAll(async () => {
      const target = await createTestTarget(dialect);
      dbArgs = target.kind === 'sqlite' ? ['--db', target.file] : ['--database-url', target.url];
    });

    it('lists, changes a schedule, runs a job now and shows the history', async () => {
      const set = await runCli(['jobs', 'set', 'sync_call_log_to_lead_status', '--schedule', '*/3 * * * *', ...dbArgs]);
      expect(set.code, set.stderr).toBe(0);
      expect(set.stdout).toMatch(/sync_call_log_to_lead_status runs every 3 minutes/);
      expect((await runCli(['jobs', 'set', 'reconcile_lead_status', '--disable', ...dbArgs])).code).toBe(0);

      const list = await runCli(['jobs', 'list', '--json', '--now', '2026-03-02T10:01:30Z', ...dbArgs]);
      const jobs = JSON.parse(list.stdout) as JobInfo[];
      expect(jobs.map((j) => j.job)).toEqual([
        'fill_hopper',
        'retry_dropped_calls',
        'recycle_failed_calls',
        'cleanup_stale_hopper_entries',
        'sync_call_log_to_lead_status',
        'reconcile_lead_status',
      ]);
      expect(jobs[4]).toMatchObject({ schedule: '*/3 * * * *', schedule_text: 'Every 3 minutes', enabled: true, next_run_at: '2026-03-02T10:03:00.000Z' });
      expect(jobs[5]).toMatchObject({ enabled: false, next_run_at: null });

      const run = await runCli(['jobs', 'run', 'sync_call_log_to_lead_status', '--json', ...dbArgs]);
      expect(run.code, run.stderr).toBe(0);
      const done = JSON.parse(run.stdout) as JobRun;
      expect(done).toMatchObject({ job: 'sync_call_log_to_lead_status', outcome: 'ok', source: 'manual', counts: { synced: 0 } });

      const text = await runCli(['jobs', 'history', ...dbArgs]);
      expect(text.stdout).toMatch(/sync_call_log_to_lead_status\s+\S+ \S+\s+manual\s+\d+ ms\s+ok/);
      const history = JSON.parse((await runCli(['jobs', 'history', '--job', 'sync_call_log_to_lead_status', '--limit', '5', '--json', ...dbArgs])).stdout);
      expect(history).toEqual([done]);
    });
  });
}

describe('two run-jobs processes on one SQLite file', () => {
  let file: string;
  beforeAll(async () => {
    file = (await createTestTarget('sqlite') as { file: string }).file;
    await (await openDatabase({ kind: 'sqlite', file })).close();
  });

  it('run each tick once between them', async () => {
    const ticks = ['2026-03-02T10:00:00.050Z', '2026-03-02T10:01:00.010Z', '2026-03-02T10:02:00.020Z'];
    for (const now of ticks) {
      const [a, b] = await Promise.all(
        ['console-a', 'console-b'].map((runner) => runCli(['run-jobs', '--once', '--now', now, '--runner', runner, '--json', '--db', file])),
      );
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
    }
    const h = await openDatabase({ kind: 'sqlite', file });
    try {
      const rows = await h.db.selectFrom('job_runs').selectAll().execute();
      const keys = rows.map((r) => `${r.job}@${r.scheduled_at}`);
      expect(new Set(keys).size).toBe(keys.length);
      // 10:00 fires all five minute-level jobs; 10:01 fill only; 10:02 fill and retry_dropped.
      expect(rows.length).toBe(5 + 1 + 2);
      expect(rows.every((r) => r.outcome === 'ok'), JSON.stringify(rows)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('run-jobs runs in the foreground and stops cleanly on SIGTERM', async () => {
    const p = startCli(['run-jobs', '--db', file, '--runner', 'foreground']);
    await p.waitFor(/reconcile_lead_status .*next/);
    expect(p.output().stdout).toMatch(/fill_hopper\s+every minute, next 20\d\d-/);
    p.child.kill('SIGTERM');
    const { code } = await p.exited;
    expect(code, p.output().stderr).toBe(0);
    expect(p.output().stderr).toMatch(/SIGTERM: waiting for running jobs/);
    expect(p.output().stdout).toMatch(/Stopped\.\s*$/);
  });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
