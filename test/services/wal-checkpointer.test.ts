import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { startWalCheckpointer } from '../../main/db/sqlite/wal-checkpointer';

// SQLite only: PostgreSQL has no WAL file for the console to look after.
// The worker copies committed pages into the database file off the main thread; the connection
// hands checkpoints to it only while it runs, and takes them back when it cannot.
const dirs: string[] = [];
const handles: DbHandle[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-wal-'));
  dirs.push(dir);
  return path.join(dir, 'console.sqlite');
}
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('background WAL checkpoints (SQLite)', () => {
  it('copies committed writes into the database file while the console keeps it open', async () => {
    const file = tempFile();
    const h = await openDatabase({ kind: 'sqlite', file });
    handles.push(h);
    await h.db.insertInto('campaigns').values({ name: 'Checkpointed' } as never).execute();
    // The database file alone (no WAL beside it) must hold the row once the worker has run.
    const copy = `${file}.copy`;
    await until(() => {
      fs.copyFileSync(file, copy);
      const alone = new BetterSqlite3(copy, { readonly: true });
      try {
        return (alone.prepare("select count(*) as n from campaigns where name = 'Checkpointed'").get() as { n: number }).n === 1;
      } catch {
        return false;
      } finally {
        alone.close();
      }
    });
  });

  it('leaves a bounded backstop to the connection while it runs, and no WAL after close', async () => {
    const file = tempFile();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    const checkpointer = startWalCheckpointer(raw, file);
    expect(await checkpointer.whenStarted()).toBe(true);
    expect(checkpointer.running).toBe(true);
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(250_000);
    // The WAL file keeps up to 192 MB when it starts over, instead of growing again each time.
    expect(raw.pragma('journal_size_limit', { simple: true })).toBe(192 * 1024 * 1024);
    await checkpointer.stop();
    expect(checkpointer.running).toBe(false);
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(raw.pragma('journal_size_limit', { simple: true })).toBe(64 * 1024 * 1024);
    raw.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('starts the WAL over under a steady stream of writes, long before the writer would checkpoint in a commit', async () => {
    const file = tempFile();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('create table t (id integer primary key, body text)');
    // The console's 40,000 pages take a while to write; the same code with 2,000.
    const checkpointer = startWalCheckpointer(raw, file, { restartFrames: 2000 });
    expect(await checkpointer.whenStarted()).toBe(true);
    const insert = raw.prepare('insert into t (body) values (?)');
    const pad = 'x'.repeat(3000);
    // The WAL header's checkpoint sequence number goes up by one each time the log starts over.
    const sequence = () => fs.readFileSync(`${file}-wal`).readUInt32BE(12);
    const before = sequence();
    // Small transactions back to back, the event loop turning between them as it does between
    // dial results, far below the 250,000 pages at which the writer would checkpoint in line.
    // SQLite alone starts over only when the writer happens to begin just as a pass caught up
    // (now and then); the worker's RESTART makes sure of it.
    const end = Date.now() + 10_000;
    let rows = 0;
    while (checkpointer.restarts < 3 && Date.now() < end) {
      for (let i = 0; i < 20; i++) insert.run(`${pad}-${rows++}`);
      await new Promise((r) => setImmediate(r));
    }
    expect(checkpointer.restarts).toBeGreaterThanOrEqual(3);
    // After each RESTART the writer's next transaction starts the log over (one more for the last).
    insert.run(`${pad}-${rows++}`);
    expect(sequence() - before).toBeGreaterThanOrEqual(3);
    expect((raw.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(rows);
    await checkpointer.stop();
    raw.close();
  });

  it('never keeps a process alive: one that opens a database, waits for the worker and never closes it still exits', () => {
    const file = tempFile();
    const script = `import { openDatabase } from './main/db/open-database.ts';
      const h = await openDatabase({ kind: 'sqlite', file: ${JSON.stringify(file)} });
      // Waiting for the worker keeps the process alive until it answers (the bench does this).
      await h.ready();
      await h.db.insertInto('campaigns').values({ name: 'left open' }).execute();
      await new Promise((r) => setTimeout(r, 300));
      console.log('done');`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), timeout: 20_000, encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout.trim()).toBe('done');
    expect(run.status).toBe(0);
  });

  it('falls back to SQLite checkpointing itself when the worker cannot run', async () => {
    const file = tempFile();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('wal_autocheckpoint = 1234');
    // The worker's connection requires the file to exist: this one does not.
    const checkpointer = startWalCheckpointer(raw, path.join(path.dirname(file), 'missing.sqlite'));
    expect(await checkpointer.whenStarted()).toBe(false);
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(checkpointer.running).toBe(false);
    await checkpointer.stop();
    raw.close();
  });
});
