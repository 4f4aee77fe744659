// Ctrl+C during `fix-lead-status`: the fix stops between two ranges, keeps what it committed, logs
// its operation as stopped (undoable) and says how to undo it; exit code 130.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import { BIN } from '../support/cli';
import { createTestTarget } from '../support/databases';
import { makeCampaign, makeList } from '../support/fixtures';

const LEADS = 20_000;

describe('fix-lead-status and Ctrl+C', () => {
  it('stops the fix, keeps its committed ranges and prints the undo', async () => {
    const target = await createTestTarget('sqlite');
    if (target.kind !== 'sqlite') throw new Error('sqlite target expected');
    const h = await openDatabase(target);
    const listId = await makeList(h, await makeCampaign(h));
    const rows = Array.from({ length: LEADS }, (_, i) => ({ list_id: listId, phone: `+1 (212) ${5_000_000 + i}`, status: null }));
    for (let i = 0; i < rows.length; i += 500) await h.db.insertInto('leads').values(rows.slice(i, i + 500)).execute();

    // Small ranges: hundreds of them, so the fix is still running when Ctrl+C comes.
    const child = spawn(process.execPath, [BIN, 'fix-lead-status', '--db', target.file, '--batch-size', '20'], { env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));

    // Ctrl+C once the fix has committed something.
    for (let i = 0; i < 600; i++) {
      const fixed = await h.db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'new').executeTakeFirstOrThrow();
      if (Number(fixed.n) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const code = await exited;

    expect(code, stderr).toBe(130);
    const op = await h.db.selectFrom('operations').selectAll().executeTakeFirstOrThrow();
    expect(op).toMatchObject({ kind: 'fix', state: 'failed' });
    const summary = JSON.parse(op.summary!) as { fixed: number; stopped: boolean };
    expect(summary.stopped).toBe(true);
    expect(summary.fixed).toBeGreaterThan(0);
    expect(summary.fixed).toBeLessThan(LEADS);
    const fixedNow = await h.db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'new').executeTakeFirstOrThrow();
    expect(Number(fixedNow.n)).toBe(summary.fixed);
    expect(stdout).toContain(`Stopped after`);
    expect(stdout).toContain(`lead-console undo --operation ${op.id}`);
    await h.close();
  }, 120_000);
});
