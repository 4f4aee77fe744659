import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ConsoleError } from '../../shared/errors';
import { describeTarget, redactUrl, type OpenTarget } from './database-config';
import { POSTGRES, SQLITE, type Db, type Dialect } from './dialect';
import { assertNotNewer, migrateToLatest } from './migrate';
import { toClientConfig, type PgConnectionConfig } from './pg-connection-config';
import { withNamedStatements } from './pg-named-statements';
import { preparePrivateDatabaseFile } from './private-files';
import { pipelinedTransactionRunner, type PipelinedTransactionRunner } from './pg-pipeline';
import { withStatementCache } from './sqlite-statement-cache';
import { OWN_JOURNAL_LIMIT, startWalCheckpointer } from './wal-checkpointer';

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  target: OpenTarget;
  /** Printable description, without secrets. */
  description: string;
  close(): Promise<void>;
  /**
   * Settles when what opening started in the background is up (SQLite: the checkpoint worker):
   * the bench waits for it before timing, as a console opens its database once.
   */
  ready?(): Promise<void>;
  /**
   * PostgreSQL only: a write transaction whose statements go in batches, a round trip each
   * (pg-pipeline.ts), for the hottest path (a dial result). Retrying conflicts is the caller's.
   */
  pipelinedTransaction?: PipelinedTransactionRunner;
  /**
   * SQLite only: the connection itself (its settings, its checkpoint worker), for statements
   * prepared on the driver by hand: the bench's dial floor. Services go through `db`.
   */
  sqliteDriver?: BetterSqlite3.Database;
}

export interface OpenOptions {
  /** Apply pending migrations (default true). Read-only handles never migrate. */
  migrate?: boolean;
  /** SQLite busy timeout in ms: how long a write waits for another writer. */
  busyTimeoutMs?: number;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** SQLite: checkpoint the WAL on a worker thread (default true; see wal-checkpointer.ts). */
  backgroundCheckpoints?: boolean;
}

// timestamptz comes back as the same ISO-8601 string SQLite stores; counts and bigint ids as numbers.
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const INT8 = 20;
const NUMERIC = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ || oid === TIMESTAMP) return (v: string) => pgTimestampToIso(v, oid === TIMESTAMP);
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as any);
  },
};

function pgTimestampToIso(value: string, naive: boolean): string {
  // "2026-11-24 10:00:00.123456+00" → "2026-11-24T10:00:00.123Z"
  let text = value.replace(' ', 'T');
  if (naive) text += 'Z';
  else if (/[+-]\d\d$/.test(text)) text += ':00';
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export async function openDatabase(target: OpenTarget, options: OpenOptions = {}): Promise<DbHandle> {
  const handle = target.kind === 'sqlite' ? openSqlite(target, options) : await openPostgres(target, options);
  try {
    if (options.migrate === false || target.readOnly) await assertNotNewer(handle.db, handle.dialect);
    else await migrateToLatest(handle.db, handle.dialect);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}

function openSqlite(target: Extract<OpenTarget, { kind: 'sqlite' }>, options: OpenOptions): DbHandle {
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
  const walMode = !target.readOnly && raw.pragma('journal_mode', { simple: true }) === 'wal';
  const checkpointer = walMode && options.backgroundCheckpoints !== false ? startWalCheckpointer(raw, target.file) : null;
  return {
    db,
    dialect: SQLITE,
    target,
    description: describeTarget(target),
    sqliteDriver: raw,
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

async function openPostgres(target: Extract<OpenTarget, { kind: 'postgres' }>, options: OpenOptions): Promise<DbHandle> {
  const pool = new pg.Pool({
    ...('connection' in target ? toClientConfig(target.connection) : { connectionString: target.url }),
    max: options.poolSize ?? 4,
    types: pgTypes as any,
    connectionTimeoutMillis: 10_000,
    // Pipeline mode: pg-pipeline.ts sends a transaction's statements in batches. Kysely, which
    // waits for each answer before the next statement, sees no difference.
    pipeline: true,
    // UTC sessions: timestamps read and written as UTC whatever the server's setting.
    options: target.readOnly ? '-c TimeZone=UTC -c default_transaction_read_only=on' : '-c TimeZone=UTC',
  });
  // A client losing its server (restart, network) must not crash the process: idle clients report
  // on the pool, checked-out ones on themselves. The failing query still rejects, and pg-pool
  // drops the broken client when it is released; the next query connects afresh.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new ConsoleError('database_unavailable', describePgError(error, 'connection' in target ? target.connection : target.url));
  }
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
  return {
    db,
    dialect: POSTGRES,
    target,
    description: describeTarget(target),
    pipelinedTransaction: pipelinedTransactionRunner(pool),
    close: () => db.destroy(),
  };
}

export function describePgError(error: unknown, url: string | PgConnectionConfig): string {
  const e = error as { code?: string; message?: string };
  if (typeof url !== 'string') return describePgFailure(e, `${url.host}:${url.port}/${url.database}`, String(e.message ?? error));
  let where = redactUrl(url);
  try {
    const u = new URL(url);
    where = `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    // keep the redacted form
  }
  return describePgFailure(e, where, (e.message ?? String(error)).replace(url, redactUrl(url)));
}

function describePgFailure(e: { code?: string }, where: string, detail: string): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Cannot reach PostgreSQL at ${where}: connection refused. Is the server running?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach PostgreSQL at ${where}: the host name is unknown.`;
    case 'ETIMEDOUT':
      return `Cannot reach PostgreSQL at ${where}: the connection timed out.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the user name or password.`;
    case '3D000':
      return `PostgreSQL at ${where}: that database does not exist.`;
    default:
      return `Cannot connect to PostgreSQL at ${where}: ${detail}`;
  }
}
