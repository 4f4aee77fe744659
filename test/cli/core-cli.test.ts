import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CLASSES } from '../../shared/catalogue';
import { createTestTarget } from '../support/databases';
import { runCli } from '../support/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-cli-'));

describe('lead-console usage errors', () => {
  const db = path.join(tmp, 'usage.sqlite');
  fs.writeFileSync(db, '');
  it.each([
    [['fix-lead-status', '--db', db, '--bogus'], /unknown option/],
    [['breakdown', '--db', db], /required option '--list/],
    [['breakdown', '--db', db, '--list', 'abc'], /--list needs a whole number/],
    [['breakdown', '--db', db, '--list', '999'], /List 999 does not exist/],
    [['fix-lead-status', '--db', db, '--report-only', '--dry-run'], /not both/],
    [['fix-lead-status', '--db', db, '--campaign', '77'], /Campaign 77 does not exist/],
    [['fix-lead-status', '--database-url', 'mysql://u:p@h/db'], /must start with postgres:\/\//],
    [['fix-lead-status', '--database-url', 'not a url'], /not valid/],
    [['fix-lead-status', '--db', db, '--database-url', 'postgres://h/db'], /not both/],
    [['fix-lead-status', '--db', db, '--now', 'yesterday'], /--now needs an ISO-8601 time/],
    [['no-such-command'], /unknown command/],
  ])('%j exits 2 with one clear line', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')[0]).toMatch(message);
  });

  it('reports an unreachable PostgreSQL without repeating its password', async () => {
    const r = await runCli(['fix-lead-status', '--report-only', '--database-url', 'postgres://alice:s3cret-pw@127.0.0.1:1/leads']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/leads: connection refused/);
    expect(r.stderr + r.stdout).not.toContain('s3cret-pw');
  });

  it('takes DATABASE_URL from the environment', async () => {
    const r = await runCli(['migrate'], { env: { DATABASE_URL: 'postgres://bob:hunter2@127.0.0.1:1/x' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot reach PostgreSQL/);
    expect(r.stderr).not.toContain('hunter2');
  });
});

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`a supervisor's audit and fix from the command line [${dialect}]`, () => {
    let dbArgs: string[];
    beforeAll(async () => {
      const target = await createTestTarget(dialect);
      dbArgs = target.kind === 'sqlite' ? ['--db', target.file] : ['--database-url', target.url];
      const seeded = await runCli(['seed-demo', ...dbArgs, '--leads', '3000', '--json']);
      expect(seeded.code, seeded.stderr).toBe(0);
      expect(JSON.parse(seeded.stdout)).toMatchObject({ campaigns: 3, leads: 3000 });
    }, 120_000);

    // Before the fix below: the verbose listing needs problem leads to list.
    it('prints a supervisor report with a verdict, and lead ids when verbose', async () => {
      const r = await runCli(['fix-lead-status', ...dbArgs, '--report-only', '--verbose', '--campaign', '2']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Lead status check — campaign 2 \(report only, nothing will change\)/);
      expect(r.stdout).toMatch(/Step 1 — analysis/);
      expect(r.stdout).toMatch(/Verdict: /);
      // --verbose: the lead ids of each class with problems, e.g. "  null_status: 2101, 2140 … and 3 more"
      expect(r.stdout).toMatch(/^ {2}(dialed_but_new|missing_dial_tracking|null_status|unknown_status): \d+(, \d+)*( … and [\d,]+ more)?$/m);
    });

    it('reports, dry-runs, fixes, and then finds nothing fixable', async () => {
      const report = JSON.parse((await runCli(['fix-lead-status', ...dbArgs, '--report-only', '--json'])).stdout);
      expect(Object.keys(report)).toEqual(['scope', 'checked', 'issues', 'total_issues', 'not_fixable']);
      expect(Object.keys(report.issues)).toEqual([...PROBLEM_CLASSES]);
      expect(report.checked).toBe(3000);
      for (const c of PROBLEM_CLASSES) expect(report.issues[c]).toBeGreaterThan(0);

      const dry = JSON.parse((await runCli(['fix-lead-status', ...dbArgs, '--dry-run', '--json'])).stdout);
      expect(dry.fixed).toBe(report.total_issues - report.not_fixable);
      expect(dry.operation_id).toBeNull();

      const fixRun = await runCli(['fix-lead-status', ...dbArgs, '--json']);
      expect(fixRun.code).toBe(0);
      const fix = JSON.parse(fixRun.stdout);
      expect(fix).toMatchObject({ fixed: dry.fixed, errors: 0, not_fixable: report.not_fixable });
      expect(fix.operation_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(fix.status_distribution_after).toEqual(dry.status_distribution_after);

      const after = JSON.parse((await runCli(['fix-lead-status', ...dbArgs, '--report-only', '--json'])).stdout);
      expect(after.total_issues).toBe(after.not_fixable);
      expect(after.issues.unknown_status).toBe(report.not_fixable);
    }, 120_000);

    it('shows a list breakdown with every status, NULL as null', async () => {
      const r = await runCli(['breakdown', ...dbArgs, '--list', '1', '--json']);
      expect(r.code).toBe(0);
      const b = JSON.parse(r.stdout);
      expect(Object.keys(b)).toEqual(['list_id', 'total', 'statuses', 'recyclable', 'problematic']);
      expect(b.statuses.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(b.total);
      for (const s of b.statuses) expect(Object.keys(s)).toEqual(['status', 'count', 'share', 'category']);
      const text = await runCli(['breakdown', ...dbArgs, '--list', '1']);
      expect(text.stdout).toMatch(/List 1: [\d,]+ leads/);
    });

    it('applies unapplied call logs with sync-calls', async () => {
      const r = await runCli(['sync-calls', ...dbArgs, '--json']);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout);
      expect(result.remaining).toBe(result.orphaned);
    });
  });
}
