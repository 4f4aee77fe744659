import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../../main/db/dialect';
import { openDatabase, type DbHandle, type OpenOptions } from '../../../main/db/open-database';
import { forLongWork, forShortAskedRead, inAskedTurn } from '../../../main/db/query/long-work';
import { LongWorkThread } from '../../../main/db/sqlite/long-work-thread';
import { longWorkDatabase } from '../../../main/db/sqlite/long-work-driver';
import { ThreadTurns } from '../../../main/db/sqlite/thread-turns';
import { WriteGate } from '../../../main/db/sqlite/write-gate';
import { makeCampaign, makeLead, makeList, getLead } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp-dir';

// SQLite only: PostgreSQL answers over a socket, so its long work never held the event loop.
// Long work runs its statements on a worker thread with a connection of its own; the main
// connection keeps reading while it writes, and its writes wait (without blocking the thread) for
// the long work's transaction to end.
const dirs: string[] = [];
const handles: DbHandle[] = [];

async function open(options: OpenOptions = {}): Promise<DbHandle> {
  const dir = makeTempDir('lead-console-long-work-');
  dirs.push(dir);
  const h = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'console.sqlite') }, options);
  handles.push(h);
  return h;
}

afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A statement that keeps SQLite busy for a while (hundreds of milliseconds), writing nothing. */
const slowCount = sql<{ n: number }>`with recursive c(i) as (select 1 union all select i + 1 from c where i < 1000000) select count(*) as n from c`;

/** Whether `promise` has settled by now (after the callbacks already queued have run). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
}

async function leadWithStatus(h: DbHandle, status: string): Promise<number> {
  return makeLead(h, await makeList(h, await makeCampaign(h)), { status });
}

describe('long work on its own thread (SQLite)', () => {
  it('an asked-for read does not wait for background work: its lane has a connection of its own', async () => {
    const h = await open();
    const id = await leadWithStatus(h, 'new');
    const order: string[] = [];
    // Background work holds its thread for hundreds of milliseconds.
    const running = slowCount.execute(forLongWork(h)).then(() => order.push('background'));
    await new Promise((r) => setTimeout(r, 20));
    const asked = await inAskedTurn(h, async (db) => {
      const first = await sql<{ status: string }>`select status from leads where id = ${id}`.execute(db);
      const second = await sql<{ n: number }>`select count(*) as n from leads`.execute(db);
      order.push('asked');
      return [first.rows[0].status, second.rows[0].n];
    });
    expect(asked).toEqual(['new', 1]);
    await running;
    expect(order).toEqual(['asked', 'background']);
  });

  it('a short asked read takes the asked lane only once it runs (a console starts it; a CLI run does not)', async () => {
    const h = await open();
    await leadWithStatus(h, 'new');
    // A temporary table belongs to the connection that made it: which one answers?
    await sql`create temp table probe (x integer)`.execute(h.db);
    const onMain = (db: typeof h.db) => sql`select count(*) as n from temp.probe`.execute(db).then(() => true, () => false);
    expect(forShortAskedRead(h)).toBe(h.db);
    expect(await onMain(forShortAskedRead(h))).toBe(true);
    h.startLongWork?.();
    expect(forShortAskedRead(h)).not.toBe(h.db);
    expect(await onMain(forShortAskedRead(h))).toBe(false);
  });

  it("the asked lane reads what the main connection committed, and cannot write", async () => {
    const h = await open();
    const id = await leadWithStatus(h, 'new');
    const read = () => inAskedTurn(h, async (db) => (await sql<{ status: string }>`select status from leads where id = ${id}`.execute(db)).rows[0].status);
    expect(await read()).toBe('new');
    await h.db.updateTable('leads').set({ status: 'sale' }).where('id', '=', id).execute();
    expect(await read()).toBe('sale');
    await expect(inAskedTurn(h, (db) => db.updateTable('leads').set({ status: 'busy' }).where('id', '=', id).execute())).rejects.toMatchObject({
      code: expect.stringMatching(/^SQLITE_READONLY/),
    });
    expect((await getLead(h.db, id)).status).toBe('sale');
  });

  it('runs its statements off the main thread: the main connection answers while one of them runs', async () => {
    const h = await open();
    const id = await leadWithStatus(h, 'new');
    const slow = slowCount.execute(forLongWork(h));
    // On the main connection (and thread) the same statement would have to end first.
    const lead = await getLead(h.db, id);
    expect(lead.status).toBe('new');
    expect(await settled(slow)).toBe(false);
    expect(Number((await slow).rows[0].n)).toBe(1000000);
  });

  it('runs a read-only console’s long work (reports, explain) off the main thread too', async () => {
    const writer = await open();
    const id = await leadWithStatus(writer, 'new');
    const h = await openDatabase({ kind: 'sqlite', file: (writer.target as { file: string }).file, readOnly: true });
    handles.push(h);
    const slow = slowCount.execute(forLongWork(h));
    expect((await getLead(h.db, id)).status).toBe('new');
    expect(await settled(slow)).toBe(false);
    await slow;
  });

  it('while it writes, the main connection reads the last committed state, and its writes wait for the commit without failing', async () => {
    const h = await open();
    const id = await leadWithStatus(h, 'new');
    let mainWrite: Promise<unknown> | null = null;
    await writeTransaction(forLongWork(h), h.dialect, async (trx) => {
      await trx.updateTable('leads').set({ status: 'busy' }).where('id', '=', id).execute();
      // WAL: the main connection reads beside the writer, and sees what was committed.
      expect((await getLead(h.db, id)).status).toBe('new');
      mainWrite = h.db.updateTable('leads').set({ dial_attempts: 7 }).where('id', '=', id).execute();
      await slowCount.execute(trx);
      // Still waiting at the gate: inside SQLite it would have blocked this thread until the
      // commit, or failed with SQLITE_BUSY after the busy timeout.
      expect(await settled(mainWrite)).toBe(false);
    });
    await mainWrite;
    const lead = await getLead(h.db, id);
    expect(lead.status).toBe('busy');
    expect(lead.dial_attempts).toBe(7);
  });

  it('a transaction the main connection began first ends before the long work writes, and both apply', async () => {
    const h = await open();
    const id = await leadWithStatus(h, 'new');
    let longWork: Promise<unknown> | null = null;
    await writeTransaction(h.db, h.dialect, async (trx) => {
      await trx.updateTable('leads').set({ status: 'busy' }).where('id', '=', id).execute();
      // The long work's BEGIN IMMEDIATE waits on its own thread for this transaction's lock.
      longWork = writeTransaction(forLongWork(h), h.dialect, (lw) => lw.updateTable('leads').set({ dial_attempts: 3 }).where('id', '=', id).execute());
      await new Promise((r) => setTimeout(r, 50));
      // The main connection's own transaction goes on through the closed gate.
      await trx.updateTable('leads').set({ dial_result: 'busy' }).where('id', '=', id).execute();
    });
    await longWork;
    const lead = await getLead(h.db, id);
    expect([lead.status, lead.dial_attempts, lead.dial_result]).toEqual(['busy', 3, 'busy']);
  });

  it('a failing statement rolls its transaction back, keeps SQLite’s error code, and lets the main connection write again', async () => {
    const h = await open();
    const id = await leadWithStatus(h, 'new');
    const failing = writeTransaction(forLongWork(h), h.dialect, async (trx) => {
      await trx.updateTable('leads').set({ status: 'busy' }).where('id', '=', id).execute();
      await trx.insertInto('leads').values({ id, list_id: 1, phone: '5550100' } as never).execute();
    });
    await expect(failing).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    expect((await getLead(h.db, id)).status).toBe('new');
    await h.db.updateTable('leads').set({ status: 'sale' }).where('id', '=', id).execute();
    expect((await getLead(h.db, id)).status).toBe('sale');
  });

  it('runs on the main connection, a statement at a time, when its thread cannot start', async () => {
    const h = await open();
    const id = await leadWithStatus(h, 'new');
    // A thread whose connection cannot open (no such file): the long work borrows the main one.
    const thread = new LongWorkThread({ file: path.join(dirs[0], 'missing.sqlite'), busyTimeoutMs: 1000, journalSizeLimit: 0, gate: new WriteGate() });
    expect(await thread.whenStarted()).toBe(false);
    const db = longWorkDatabase(thread, h.db, new ThreadTurns());
    const order: string[] = [];
    await writeTransaction(db, h.dialect, async (trx) => {
      setImmediate(() => order.push('turn'));
      await trx.updateTable('leads').set({ status: 'busy' }).where('id', '=', id).execute();
      order.push('statement done');
    });
    expect(order).toEqual(['turn', 'statement done']);
    expect((await getLead(h.db, id)).status).toBe('busy');
    await thread.stop();
  });

  it('is not used where it cannot be: opened without it, the long work runs on the main connection', async () => {
    // A temporary table belongs to the connection that made it.
    const sameConnection = async (h: DbHandle) => {
      await sql`create temp table probe (x integer)`.execute(forLongWork(h));
      return sql`select count(*) as n from temp.probe`.execute(h.db).then(
        () => true,
        () => false,
      );
    };
    expect(await sameConnection(await open({ longWorkThread: false }))).toBe(true);
    expect(await sameConnection(await open())).toBe(false);
  });
});
