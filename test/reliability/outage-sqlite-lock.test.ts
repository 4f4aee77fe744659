// Item 2, SQLite side: another process holds a write transaction on the file. A write from the
// console waits for the busy timeout, then fails with `database_locked` and a plain message
// (the CLI: one line, exit 1); the file is never corrupted and the other writer's work stands.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { AppRuntime } from '../../main/app/app-runtime';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import { runCli } from '../support/cli';
import { createTestTarget } from '../support/databases';
import { expectReadableError } from './support/readable';
import { seedSmall, type Seeded } from './support/seed';

/**
 * A second process that takes the write lock, says so, and holds it until released (not for a
 * fixed time: on a busy machine the CLI's start-up alone can outlast any such time).
 */
function holdWriteLock(file: string) {
  const code = `
    const Db = require('better-sqlite3');
    const db = new Db(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('begin immediate');
    db.prepare("insert into dnc_numbers (phone) values ('+15550009999')").run();
    process.stdout.write('locked\\n');
    const release = () => { db.exec('commit'); db.close(); process.exit(0); };
    process.stdin.on('data', release);
    process.stdin.on('end', release);`;
  const child = spawn(process.execPath, ['-e', code, file], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('locked') && resolve());
    child.on('exit', (c) => reject(new Error(`lock holder exited ${c}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const release = () => {
    child.stdin.end('release\n');
    return exited;
  };
  return { locked, release };
}

describe('SQLite file locked by another writer', () => {
  let runtime: AppRuntime;
  let file: string;
  let seed: Seeded;
  beforeAll(async () => {
    const target = await createTestTarget('sqlite');
    if (target.kind !== 'sqlite') throw new Error('sqlite expected');
    file = target.file;
    runtime = new AppRuntime({ shell: 'browser', version: 'lock', jobs: false });
    await runtime.useDatabase(target);
    seed = await seedSmall(runtime.handle);
  });
  afterAll(() => runtime.stop());

  it('a console write waits the busy timeout, then says database_locked; reads still work; nothing is corrupted', async () => {
    const holder = holdWriteLock(file);
    await holder.locked;
    const handlers = createHandlers(runtime);
    const ctx = { emit: () => undefined };
    // WAL: readers are not blocked by the writer.
    expect(await dispatch(handlers, 'recycling/breakdown', { listId: seed.listId }, ctx)).toMatchObject({ ok: true });
    const started = Date.now();
    const r = await dispatch(handlers, 'recycling/recycle', { listId: seed.listId, statuses: ['no_answer'] }, ctx);
    const waited = Date.now() - started;
    expect(r).toMatchObject({ ok: false, error: { code: 'database_locked' } });
    if (!r.ok) expectReadableError(r.error);
    // The 5 s busy timeout, not an instant failure: a lower bound, which load only lengthens.
    expect(waited).toBeGreaterThanOrEqual(4500);
    const cli = await runCli(['hopper', 'fill', '--campaign', String(seed.campaignId), '--target', '50', '--db', file]);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lead-console: The database is busy with another writer/)]);
    expect(await holder.release()).toBe(0);
    // The holder's own write committed; ours left no trace; the file is sound.
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.prepare("select count(*) as n from dnc_numbers where phone = '+15550009999'").get()).toEqual({ n: 1 });
      expect(raw.prepare("select count(*) as n from operations where kind = 'recycle'").get()).toEqual({ n: 1 });
    } finally {
      raw.close();
    }
    // Once the lock is gone the same request goes through.
    expect(await dispatch(handlers, 'recycling/recycle', { listId: seed.listId, statuses: ['no_answer'] }, ctx)).toMatchObject({ ok: true });
  }, 90_000);
});
