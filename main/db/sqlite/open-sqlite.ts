import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ConsoleError } from '../../../shared/errors';
import { describeTarget, type OpenTarget } from '../database-config';
import type { DbHandle, OpenOptions } from '../db-handle';
import { SQLITE, type Db } from '../dialect';
import { preparePrivateDatabaseFile } from '../private-files';
import { withStatementCache } from './statement-cache';
import { BACKSTOP_JOURNAL_LIMIT, OWN_JOURNAL_LIMIT, startWalCheckpointer } from './wal-checkpointer';
import { GatedSqliteDialect, WriteGate } from './write-gate';
import { LongWorkThread } from './long-work-thread';
import { longWorkDatabase } from './long-work-driver';
import { ThreadTurns } from './thread-turns';

/** Each open SQLite database's driver connection, by its Kysely instance. */
const drivers = new WeakMap<Db, BetterSqlite3.Database>();
/**
 * Long work's two lanes, each a thread with a connection of its own: `background` for the work
 * that runs for seconds or minutes (a fix, a dry run, a sync, the live view's problem counts), and
 * `asked` for the reads a screen is waiting on (an explain, hopper stats, a report's counts). With
 * one thread, an asked read waited for whatever statement of background work held it: a problem
 * count's range (up to 2.3 s, issue 22), then a dry run's, for each of its statements. The asked
 * lane only reads, so its connection is read-only; under WAL it reads beside the other two.
 */
export type LongWorkLane = 'asked' | 'background';

/** Each open SQLite database's long-work database per lane (its thread started on first use), by its Kysely instance. */
const longWork = new WeakMap<Db, (lane: LongWorkLane, start: boolean) => Db | undefined>();

/**
 * The database long work runs on (query/long-work.ts): the one over the lane's thread, which
 * starts on the first call (a command that does no long work never starts it) unless `start` is
 * false; undefined for a database that has none (a writable one not in WAL mode, one closed, one
 * opened without it, or, `start` false, one whose lane has not started).
 */
export function longWorkDbOf(db: Db, lane: LongWorkLane = 'background', start = true): Db | undefined {
  return longWork.get(db)?.(lane, start);
}

/**
 * The connection itself (its settings, its checkpoint worker), for statements prepared on the
 * driver by hand: the bench's dial floor. Services go through `db`. Undefined for a database this
 * module did not open.
 */
export function sqliteDriverOf(handle: Pick<DbHandle, 'db'>): BetterSqlite3.Database | undefined {
  return drivers.get(handle.db);
}

export function openSqlite(target: Extract<OpenTarget, { kind: 'sqlite' }>, options: OpenOptions): DbHandle {
  const dir = path.dirname(target.file);
  if (target.readOnly && !fs.existsSync(target.file)) {
    throw new ConsoleError('not_found', `The SQLite file ${target.file} does not exist.`);
  }
  if (fs.existsSync(target.file) && fs.statSync(target.file).isDirectory()) {
    throw new ConsoleError('invalid_input', `${target.file} is a folder, not a SQLite file.`);
  }
  try {
    if (!target.readOnly) preparePrivateDatabaseFile(target.file);
  } catch (error) {
    throw new ConsoleError('database_unavailable', `Cannot create the folder ${dir}: ${(error as Error).message}`);
  }
  let raw: BetterSqlite3.Database;
  const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
  try {
    raw = new BetterSqlite3(target.file, { readonly: Boolean(target.readOnly), fileMustExist: Boolean(target.readOnly) });
    raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (!target.readOnly) {
      raw.pragma('journal_mode = WAL');
      // WAL + NORMAL: a commit survives an application crash; only a power loss may drop the
      // last commits, never corrupt the file.
      raw.pragma('synchronous = NORMAL');
      // A WAL that grew during a burst of writes is cut back to 64 MB when it starts over.
      raw.pragma(`journal_size_limit = ${OWN_JOURNAL_LIMIT}`);
    }
    raw.pragma('foreign_keys = ON');
    raw.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    throw new ConsoleError('database_unavailable', `Cannot open the SQLite file ${target.file}: ${(error as Error).message}`);
  }
  const database = withStatementCache(raw);
  const gate = new WriteGate();
  const db: Db = new Kysely({
    dialect: new GatedSqliteDialect({ database }, gate, {
      inTransaction: () => raw.inTransaction,
      writes: (sqlText) => writesOrLocks(database, sqlText),
    }),
  });
  drivers.set(db, raw);
  const walMode = !target.readOnly && raw.pragma('journal_mode', { simple: true }) === 'wal';
  const checkpointer = walMode && options.backgroundCheckpoints !== false ? startWalCheckpointer(raw, target.file) : null;
  const lanes: Partial<Record<LongWorkLane, { thread: LongWorkThread; db: Db }>> = {};
  let closed = false;
  // A read-only console's long work is reading (a report, an explain): off the main thread too.
  if ((walMode || target.readOnly) && options.longWorkThread !== false) {
    longWork.set(db, (lane, start) => {
      if (!lanes[lane] && !closed && start) {
        const readOnly = Boolean(target.readOnly) || lane === 'asked';
        const thread = new LongWorkThread({ file: target.file, readOnly, busyTimeoutMs, journalSizeLimit: BACKSTOP_JOURNAL_LIMIT, gate });
        lanes[lane] = { thread, db: longWorkDatabase(thread, db, new ThreadTurns()) };
      }
      return lanes[lane]?.db;
    });
  }
  const startLongWork = () => {
    longWorkDbOf(db, 'background');
    longWorkDbOf(db, 'asked');
  };
  return {
    db,
    dialect: SQLITE,
    target,
    description: describeTarget(target),
    ready: async () => {
      // The bench times operations as a console that has been open a while runs them: with its
      // long-work lanes already started.
      startLongWork();
      await Promise.all([checkpointer?.whenStarted(), ...Object.values(lanes).map((l) => l.thread.whenStarted())]);
    },
    startLongWork,
    close: async () => {
      closed = true;
      // The workers' connections first: the last connection to close folds the WAL into the file.
      await Promise.all(Object.values(lanes).map((l) => l.thread.stop()));
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * A statement of the main connection that must wait while the long-work thread writes: one that
 * writes, or a BEGIN (SQLite calls it read-only, but the transaction it opens will write, and a
 * write inside it would wait for the lock on this thread).
 */
function writesOrLocks(database: ReturnType<typeof withStatementCache>, sqlText: string): boolean {
  if (/^\s*begin\b/i.test(sqlText)) return true;
  try {
    return !(database.prepare(sqlText) as unknown as BetterSqlite3.Statement).readonly;
  } catch {
    // It will fail as it runs, with the same error.
    return false;
  }
}
