// Issue 21, command line: a mistyped --db is refused instead of created, and printed hints
// repeat the database option so that they work when pasted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../support/cli';

// As a supervisor runs it from a shell (vitest itself may run under npx, which sets npm_command).
const runCli = (args: string[], env: NodeJS.ProcessEnv = {}) => run(args, { env: { npm_command: '', ...env } });

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
  });
});

describe('hints that work when pasted', () => {
  it('seed-demo\'s Next: line and recycle\'s Undo line repeat the --db that was used', async () => {
    const db = path.join(tmp, 'my demo.sqlite');
    const seeded = await runCli(['seed-demo', '--db', db, '--leads', '300']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain(`Next: lead-console fix-lead-status --report-only --db '${db}'`);
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
