// Issue 21, command line: a mistyped --db is refused instead of created, and printed hints
// repeat the database option so that they work when pasted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../support/cli';

// As a supervisor runs it from a shell (vitest itself may run under npx, which sets npm_command).
const runCli = (args: string[], env: NodeJS.ProcessEnv = {}, input?: string) => run(args, { env: { npm_command: '', ...env }, input });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-newcomer-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a --db file that does not exist', () => {
  it('is refused by every command but migrate, seed-demo and demo (exit 2, one line saying how to create one)', async () => {
    const typo = path.join(tmp, 'typo.sqlite');
    const nested = path.join(tmp, 'no', 'such', 'dir', 'x.sqlite');
    const results = await Promise.all([
      runCli(['fix-lead-status', '--db', typo, '--report-only']),
      runCli(['breakdown', '--db', nested, '--list', '1']),
      runCli(['jobs', 'list', '--db', typo], { npm_command: 'exec' }),
    ]);
    for (const r of results) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).not.toMatch(/tracked correctly/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/There is no database at .*Create one with: (npx )?lead-console migrate --db /);
    }
    // Run through npx, the hint says npx.
    expect(results[2].stderr).toMatch(/Create one with: npx lead-console migrate/);
    expect(fs.existsSync(typo)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'no'))).toBe(false);
    const created = await runCli(['migrate', '--db', typo]);
    expect(created.code, created.stderr).toBe(0);
    expect(fs.existsSync(typo)).toBe(true);
  }, 180_000);
});

describe('hints that work when pasted', () => {
  it('seed-demo\'s Next: line and recycle\'s Undo line repeat the --db that was used', async () => {
    const db = path.join(tmp, 'my demo.sqlite');
    const seeded = await runCli(['seed-demo', '--db', db, '--leads', '300']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain(`Next: lead-console fix-lead-status --report-only --db '${db}'`);
    // One word per category: the CLI says "new" where the screens do.
    const breakdown = await runCli(['breakdown', '--db', db, '--list', '1']);
    expect(breakdown.stdout).toMatch(/^"new"\s.*\snew\s*$/m);
    expect(breakdown.stdout).not.toMatch(/fresh/);
    // A result word the catalogue does not know: recorded, and the reply says how it was read.
    const call = { call_uuid: 'newcomer-1', lead_id: 1, started_at: '2026-11-24T10:00:00Z', result: 'BOGUS' };
    const recorded = await runCli(['record-call', '--db', db], {}, `${JSON.stringify(call)}\n`);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(JSON.parse(recorded.stdout.trim())).toMatchObject({ ok: true, warning: 'unknown result word "BOGUS": recorded as failed (no hangup cause to go by)' });
    const recycled = await runCli(['recycle', '--db', db, '--list', '1', '--status', 'no_answer']);
    expect(recycled.code, recycled.stderr).toBe(0);
    const undo = /Undo with: (lead-console undo --operation \S+ --db '([^']+)')/.exec(recycled.stdout);
    expect(undo, recycled.stdout).not.toBeNull();
    expect(undo![2]).toBe(db);
    const args = ['undo', '--operation', /--operation (\S+)/.exec(undo![1])![1], '--db', db];
    const undone = await runCli(args);
    expect(undone.code, undone.stderr).toBe(0);
  }, 180_000);
});

describe('resetting the demo', () => {
  it('seed-demo --reset asks first, refuses without a yes, and with one (or --yes) seeds the file again', async () => {
    const db = path.join(tmp, 'reset.sqlite');
    expect((await runCli(['seed-demo', '--db', db, '--leads', '200'])).code).toBe(0);
    // A change the reset must undo: a lead moved to sale.
    const call = { call_uuid: 'reset-1', lead_id: 1, started_at: '2026-11-24T10:00:00Z', result: 'SALE' };
    expect((await runCli(['record-call', '--db', db], {}, `${JSON.stringify(call)}\n`)).code).toBe(0);
    const again = await runCli(['seed-demo', '--db', db, '--leads', '200']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--reset/);

    const refused = await runCli(['seed-demo', '--db', db, '--leads', '200', '--reset'], {}, 'no\n');
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/This deletes .*reset\.sqlite.*Type yes/);
    expect(refused.stderr).toMatch(/Nothing was reset/);
    const noAnswer = await runCli(['demo', '--db', db, '--no-serve', '--reset']);
    expect(noAnswer.code, noAnswer.stderr).toBe(2);
    const story = async () => JSON.parse((await runCli(['lead', 'show', '--id', '1', '--db', db, '--json'])).stdout);
    expect((await story()).lead.status).toBe('sale');

    const answered = await runCli(['seed-demo', '--db', db, '--leads', '200', '--reset'], {}, 'yes\n');
    expect(answered.code, answered.stderr).toBe(0);
    expect((await story()).lead.status).not.toBe('sale');
    expect((await runCli(['record-call', '--db', db], {}, `${JSON.stringify(call)}\n`)).code).toBe(0);
    const forced = await runCli(['seed-demo', '--db', db, '--leads', '200', '--reset', '--yes']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).not.toMatch(/Type yes/);
    expect((await story()).lead.status).not.toBe('sale');
  }, 400_000);

  it('seed-demo --reset on PostgreSQL says how to empty that database instead', async () => {
    const r = await runCli(['seed-demo', '--database-url', 'postgres://nobody@127.0.0.1:1/none', '--reset', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PostgreSQL database is not emptied from here.*dropdb/);
  });
});
