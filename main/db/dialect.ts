// Everything that differs between SQLite and PostgreSQL lives here, so that services and
// repositories stay dialect-neutral.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema';

export type DialectName = 'sqlite' | 'postgres';

export interface Dialect {
  name: DialectName;
  /** A boolean as the column stores it. */
  bool(value: boolean): number | boolean;
  /** Column type of timestamps. */
  timestampType: 'text' | 'timestamptz';
  /** Column type of booleans. */
  booleanType: 'integer' | 'boolean';
  /** Default of a timestamp column: now, in UTC. */
  nowDefault: RawBuilder<unknown>;
  /** Rows read inside a write transaction are locked on PostgreSQL (SQLite holds the write lock). */
  supportsRowLocks: boolean;
  /** Largest number of bind parameters one statement may carry, with headroom. */
  maxParams: number;
}

export const SQLITE: Dialect = {
  name: 'sqlite',
  bool: (v) => (v ? 1 : 0),
  timestampType: 'text',
  booleanType: 'integer',
  nowDefault: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
  supportsRowLocks: false,
  maxParams: 30000,
};

export const POSTGRES: Dialect = {
  name: 'postgres',
  bool: (v) => v,
  timestampType: 'timestamptz',
  booleanType: 'boolean',
  nowDefault: sql`now()`,
  supportsRowLocks: true,
  maxParams: 60000,
};

export type Db = Kysely<Database>;

/** `expr` without the given characters at either end (SQLite trim(x, y), PostgreSQL btrim(x, y)). */
export function trimChars(dialect: Dialect, expr: RawBuilder<unknown> | ReturnType<typeof sql.ref>, chars: string): RawBuilder<string> {
  return dialect.name === 'postgres' ? sql<string>`btrim(${expr}, ${chars})` : sql<string>`trim(${expr}, ${chars})`;
}

/**
 * Runs a PostgreSQL write transaction again when the server failed it for a conflict. Jobs,
 * consoles and the dialer write side by side; PostgreSQL may pick one transaction as a deadlock
 * victim (40P01) or fail it for serialization (40001). Every write transaction here reads what it
 * changes inside itself, so running it again is safe and is what a person would do.
 */
export async function retryingConflicts<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== '40P01' && code !== '40001') || attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
    }
  }
}

/**
 * A write transaction. On SQLite it starts with BEGIN IMMEDIATE so that a transaction that
 * reads and then writes cannot fail half-way with SQLITE_BUSY when another process (a second
 * console, the CLI) writes at the same time: it waits for the busy timeout up front instead.
 */
export async function writeTransaction<T>(db: Db, dialect: Dialect, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (dialect.name === 'postgres') return retryingConflicts(() => db.transaction().execute((trx) => fn(trx)));
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/** Splits rows into chunks that stay under the dialect's bind-parameter limit. */
export function chunkForParams<T>(dialect: Dialect, rows: readonly T[], paramsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(dialect.maxParams / Math.max(1, paramsPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
