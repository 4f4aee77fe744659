// Read-only audits (issue 7, item 6): a handle opened with `readOnly` cannot write on either
// database, and every reporting command run with --read-only leaves the database byte-for-byte
// as it was (every row of every table compared).
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../main/db/database-config';
import { writeTransaction } from '../../main/db/dialect';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { seedDemo } from '../../main/demo/seed-demo';
import { dbArgs as cliDbArgs, runCli } from '../support/cli';
import { createTestTarget, describeEachDialect } from '../support/databases';
import { makeLead } from '../support/fixtures';
import { snapshotTables } from '../support/table-snapshot';
import { readOnlyCommands } from '../support/read-only-commands';

const NOW = '2026-11-24T15:00:00.000Z';

describeEachDialect('read-only audits', ({ dialect }) => {
  let target: DatabaseTarget;
  let rw: DbHandle;
  let dbArgs: string[];
  let listId: number;
  let campaignId: number;

  beforeAll(async () => {
    target = await createTestTarget(dialect);
    dbArgs = cliDbArgs(target);
    rw = await openDatabase(target);
    await seedDemo(rw, { leads: 400 });
    const list = await rw.db.selectFrom('lead_lists').select(['id', 'campaign_id']).orderBy('id').executeTakeFirstOrThrow();
    listId = list.id;
    campaignId = list.campaign_id;
    // One job run, so the history has a row to show.
    const r = await runCli(['jobs', 'run', 'fill_hopper', ...dbArgs, '--now', NOW, '--json']);
    expect(r.code, r.stderr).toBe(0);
    // A lead written by a dialer after the last console run, with a phone that SQLite's trigger
    // cannot key (letters in it: migration 0012): its phone_key is still NULL, so the hopper's
    // reports would normally fill it (a write).
    await makeLead(rw, listId, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: '2026-11-20T10:00:00.000Z', phone: '555 0100 ext 7' });
  }, 120_000);

  afterAll(async () => {
    await rw?.close();
  });

  it('refuses every kind of write through a read-only handle, and nothing changes', async () => {
    const before = await snapshotTables(rw);
    const ro = await openDatabase({ ...target, readOnly: true });
    try {
      expect(Number((await ro.db.selectFrom('leads').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before.leads.length);
      const lead = before.leads[0].id as number;
      const attempts: [string, () => Promise<unknown>][] = [
        ['insert', () => ro.db.insertInto('dnc_numbers').values({ phone: '+15550001111' }).execute()],
        ['update', () => ro.db.updateTable('leads').set({ status: 'dnc' }).where('id', '=', lead).execute()],
        ['delete', () => ro.db.deleteFrom('call_logs').execute()],
        ['write transaction', () => writeTransaction(ro.db, ro.dialect, (trx) => trx.updateTable('leads').set({ dial_attempts: 0 }).execute())],
        ['raw SQL', () => sql`update leads set dial_attempts = dial_attempts + 1`.execute(ro.db)],
        ['DDL', () => sql`create table intruder (x integer)`.execute(ro.db)],
        ['drop', () => sql`drop table job_runs`.execute(ro.db)],
      ];
      for (const [what, attempt] of attempts) {
        await expect(attempt(), what).rejects.toThrow(/read-?only/i);
      }
      if (dialect === 'postgres') {
        // Each pooled connection, not only the first, runs read-only transactions.
        const flags = await Promise.all([1, 2, 3].map(() => sql<{ transaction_read_only: string }>`show transaction_read_only`.execute(ro.db)));
        for (const f of flags) expect(f.rows[0].transaction_read_only).toBe('on');
      }
    } finally {
      await ro.close();
    }
    expect(await snapshotTables(rw)).toEqual(before);
  });

  it('runs every reporting command with --read-only and changes nothing', async () => {
    const before = await snapshotTables(rw);
    // The hopper reports meet a phone key to fill (SQLite), and must leave it unfilled.
    if (dialect === 'sqlite') expect(before.leads.some((l) => l.phone_key === null)).toBe(true);
    const commands = readOnlyCommands({ listId, campaignId }, NOW);
    for (const args of commands) {
      const r = await runCli([...args, ...dbArgs, '--read-only']);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(() => JSON.parse(r.stdout), args.join(' ')).not.toThrow();
    }
    expect(await snapshotTables(rw)).toEqual(before);
    // Ten processes (the two report commands of issue 18 included); a loaded machine takes 10 s a spawn.
  }, 240_000);

  it('refuses --read-only on a command that would write, before touching anything', async () => {
    const before = await snapshotTables(rw);
    const refused = [
      [['fix-lead-status'], /--read-only needs --report-only or --dry-run/],
      [['recycle', '--list', String(listId), '--status', 'no_answer'], /--read-only needs --dry-run/],
      [['sync-calls'], /unknown option '--read-only'/],
    ] as const;
    for (const [args, message] of refused) {
      const r = await runCli([...args, ...dbArgs, '--read-only']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(await snapshotTables(rw)).toEqual(before);
  }, 60_000);

  if (dialect === 'sqlite') {
    it('reads beside a live writer, and the -wal/-shm files it leaves break nothing', async () => {
      const file = (target as Extract<DatabaseTarget, { kind: 'sqlite' }>).file;
      // The writer holds an uncommitted change while the audit reads: the audit sees the
      // committed state and does not wait.
      const pending = rw.db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        await sql`update leads set dial_attempts = dial_attempts + 100`.execute(conn);
        const ro = await openDatabase({ ...target, readOnly: true });
        try {
          const max = await ro.db.selectFrom('leads').select((eb) => eb.fn.max('dial_attempts').as('m')).executeTakeFirstOrThrow();
          expect(Number(max.m)).toBeLessThan(100);
        } finally {
          await ro.close();
        }
        await sql`rollback`.execute(conn);
      });
      await pending;
      const before = await snapshotTables(rw);
      await rw.close();
      // With no writer open, a read-only open leaves -wal/-shm behind (it may not delete
      // them): a later writer and a later audit must both still work, and the file stays sound.
      const ro = await openDatabase({ ...target, readOnly: true });
      await ro.close();
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      const ro2 = await openDatabase({ ...target, readOnly: true });
      expect(await snapshotTables(ro2)).toEqual(before);
      await ro2.close();
      rw = await openDatabase(target);
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(rw.db);
      expect(check.rows[0].integrity_check).toBe('ok');
      await rw.db.insertInto('dnc_numbers').values({ phone: '+15550002222' }).execute();
      await rw.db.deleteFrom('dnc_numbers').where('phone', '=', '+15550002222').execute();
      expect(await snapshotTables(rw)).toEqual(before);
    });

    it('fails with a clear message when the file does not exist, and creates nothing', async () => {
      const missing = `${(target as { file: string }).file}.missing`;
      await expect(openDatabase({ kind: 'sqlite', file: missing, readOnly: true })).rejects.toThrow(/does not exist/);
      expect(fs.existsSync(missing)).toBe(false);
    });
  }
}, { open: false });
