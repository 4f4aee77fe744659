import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ConsoleError } from '../../../shared/errors';
import { describeTarget, type OpenTarget } from '../database-config';
import type { DbHandle, OpenOptions } from '../db-handle';
import { SQLITE, type Db } from '../dialect';
import { preparePrivateDatabaseFile } from '../private-files';
import { withStatementCache } from './statement-cache';
import { OWN_JOURNAL_LIMIT, startWalCheckpointer } from './wal-checkpointer';

/** Each open SQLite database's driver connection, by its Kysely instance. */
const drivers = new WeakMap<Db, BetterSqlite3.Database>();

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
  try {
    raw = new BetterSqlite3(target.file, { readonly: Boolean(target.readOnly), fileMustExist: Boolean(target.readOnly) });
    raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
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
  const db: Db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  drivers.set(db, raw);
  const walMode = !target.readOnly && raw.pragma('journal_mode', { simple: true }) === 'wal';
  const checkpointer = walMode && options.backgroundCheckpoints !== false ? startWalCheckpointer(raw, target.file) : null;
  return {
    db,
    dialect: SQLITE,
    target,
    description: describeTarget(target),
    ready: async () => {
      await checkpointer?.whenStarted();
    },
    close: async () => {
      // The worker's connection first: the last connection to close folds the WAL into the file.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
