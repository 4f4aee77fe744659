// Everything that differs between SQLite and PostgreSQL lives here (and in main/db/sqlite/ and
// main/db/postgres/), so that services and repositories stay dialect-neutral: they ask the
// dialect for a capability or a method, never for its name. The only other places with dialect
// SQL are the per-feature forks, services/calls/status-dialect.ts, services/hopper/hopper-dialect.ts
// and services/lead-lookup/search-dialect.ts (test/db/dialect-boundary.test.ts holds the line).
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
  /**
   * `query` locking the rows it reads until the transaction ends (`FOR UPDATE`, of `of` when
   * given), where the database has row locks (PostgreSQL); on SQLite the query as it is: its write
   * transaction already holds the one write lock.
   */
  forUpdate<Q extends { forUpdate(of?: any): Q }>(query: Q, of?: string | readonly string[]): Q;
  /** The same as a clause ending a raw SELECT: `for update of <alias>`, or nothing. */
  forUpdateClause(alias: string): RawBuilder<unknown>;
  /** Largest number of bind parameters one statement may carry, with headroom. */
  maxParams: number;
  /** How a problem scan or fix goes through the leads (see FixRanges). */
  fixRanges: FixRanges;
  /**
   * How a list's leads are counted (a fix's progress total): `whole`, one count(*) per list, or
   * `per-status`, one short count per status of the (list, status) index, so that no statement
   * holds a synchronous driver's thread (the app's event loop) for long.
   */
  listCount: 'whole' | 'per-status';
  /**
   * How a count of a campaign's leads (services/hopper/lead-rule-counts.ts, step 1) reads its
   * lists: `each` in a statement of its own (SQLite: a statement is one unbroken block of the
   * thread running it, and a cancelled count stops between two lists), or `together` in one
   * statement (PostgreSQL: each statement costs a round trip and a plan, 13 × 3 ms for the
   * bench's small lists, and a statement that waits holds no thread of ours).
   */
  campaignLists: 'each' | 'together';
  /**
   * The console fills the `phone_key` columns itself (query/phone-keys.ts): SQLite has no regexp
   * to compute them as generated columns, as PostgreSQL does.
   */
  appFillsPhoneKeys: boolean;
  /**
   * The longest span of calls a report reads in one statement on the main connection (ms): on
   * SQLite each statement is one synchronous block of the main thread, so 30 days of calls go a
   * day at a time (reports/call-queries.ts); PostgreSQL answers over a socket, all at once.
   */
  callReadSpanMs: number;
  /** `expr` compared byte by byte, so that a range on it can use a plain index (PostgreSQL: C collation). */
  bytewise(expr: RawBuilder<unknown>): RawBuilder<string>;
  /** The last `n` characters of `expr`. */
  lastChars(expr: RawBuilder<unknown>, n: number): RawBuilder<string>;
  /**
   * True when the timestamp `expr` can be dated (the SQL twin of `Date.parse` being finite): a
   * dialer may write `yesterday` into SQLite's text column or `infinity` into PostgreSQL's.
   */
  readableTime(expr: RawBuilder<unknown>): RawBuilder<boolean>;
  /** ` indexed by <index>` where the planner must be told (SQLite), or nothing. */
  indexHint(index: string): RawBuilder<unknown>;
  /** The aggregate joining a group's values with `separator` (string_agg / group_concat). */
  joinedValues(expr: RawBuilder<unknown>, separator: string): RawBuilder<string>;
  /** Which `seconds`-long slice since the Unix epoch the timestamp `expr` falls in (a whole number). */
  timeSlice(expr: RawBuilder<unknown>, seconds: number): RawBuilder<number>;
}

/**
 * How a fix goes through the leads, per database: `size` leads per range (one transaction each
 * when fixing: short locks, short statements), `inFlight` ranges read (and written) at once.
 * - SQLite: one writer, so one range at a time, of 20,000. Every commit writes each page it
 *   changed, and a range's status changes land all over the (list, status, …) indexes, so each
 *   range rewrote most of their pages: on the demo's shape (82% problem leads) ranges of 2,500
 *   wrote 2.3 GB for a 231,000-lead campaign, 20,000 wrote 0.74 GB (the floor, one transaction,
 *   0.26 GB) and took half the time. The statements run on the long-work thread
 *   (sqlite/long-work-thread.ts), so their length no longer holds the event loop; a range is
 *   ~0.5 s of work at most, the time a stop waits and the main connection's writes wait.
 * - PostgreSQL: 3 ranges of 2,500 at once, each on its own connection (with the next boundary
 *   query, the 4 connections of the default pool; 3 were faster than 2).
 * Measurements: docs/performance.md, "Several ranges at once on PostgreSQL".
 * A range commits as a whole, so after a crash the fixed leads are every range before some point
 * plus, on PostgreSQL, some of the next two.
 */
export interface FixRanges {
  size: number;
  inFlight: number;
}

const NO_CLAUSE = sql``;

export const SQLITE: Dialect = {
  name: 'sqlite',
  bool: (v) => (v ? 1 : 0),
  timestampType: 'text',
  booleanType: 'integer',
  nowDefault: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
  forUpdate: (query) => query,
  forUpdateClause: () => NO_CLAUSE,
  maxParams: 30000,
  fixRanges: { size: 20000, inFlight: 1 },
  listCount: 'per-status',
  campaignLists: 'each',
  appFillsPhoneKeys: true,
  callReadSpanMs: 24 * 60 * 60 * 1000,
  bytewise: (expr) => sql<string>`${expr}`,
  lastChars: (expr, n) => sql<string>`substr(${expr}, ${sql.lit(-n)})`,
  readableTime: (expr) => sql<boolean>`(julianday(${expr}) is not null)`,
  indexHint: (index) => sql` indexed by ${sql.raw(index)}`,
  joinedValues: (expr, separator) => sql<string>`group_concat(${expr}, ${separator})`,
  // ISO text with `Z`: strftime reads it as UTC; integer division floors (timestamps after 1970).
  timeSlice: (expr, seconds) => sql<number>`(cast(strftime('%s', ${expr}) as integer) / ${sql.lit(seconds)})`,
};

export const POSTGRES: Dialect = {
  name: 'postgres',
  bool: (v) => v,
  timestampType: 'timestamptz',
  booleanType: 'boolean',
  nowDefault: sql`now()`,
  forUpdate: (query, of) => (of === undefined ? query.forUpdate() : query.forUpdate(of)),
  forUpdateClause: (alias) => sql.raw(`for update of ${alias}`),
  maxParams: 60000,
  fixRanges: { size: 2500, inFlight: 3 },
  listCount: 'whole',
  campaignLists: 'together',
  appFillsPhoneKeys: false,
  callReadSpanMs: Infinity,
  bytewise: (expr) => sql<string>`(${expr} collate "C")`,
  lastChars: (expr, n) => sql<string>`right(${expr}, ${sql.lit(n)})`,
  readableTime: (expr) => sql<boolean>`isfinite(${expr})`,
  indexHint: () => NO_CLAUSE,
  joinedValues: (expr, separator) => sql<string>`string_agg(${expr}, ${separator})`,
  // An int4 (a bigint would come back as a string): slices of 15 minutes fit for millennia.
  timeSlice: (expr, seconds) => sql<number>`cast(floor(extract(epoch from ${expr}) / ${sql.lit(seconds)}) as integer)`,
};

export const DIALECTS: Record<DialectName, Dialect> = { sqlite: SQLITE, postgres: POSTGRES };

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

// ASCII case and per-transaction scratch tables, for the set-based problem classifier
// (services/problems/problem-sql-*.ts). The catalogue reads words with ASCII case only
// (shared/catalogue/statuses.ts); SQLite's lower()/upper() are ASCII-only already, PostgreSQL's
// follow the locale (they would also fold 'É'), so there they become a translate().
const ASCII_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ASCII_LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** `expr` with A-Z made lower case and nothing else changed. */
export function asciiLower(dialect: Dialect, expr: RawBuilder<unknown>): RawBuilder<string> {
  return dialect.name === 'postgres' ? sql<string>`translate(${expr}, ${sql.lit(ASCII_UPPER)}, ${sql.lit(ASCII_LOWER)})` : sql<string>`lower(${expr})`;
}

/** `expr` with a-z made upper case and nothing else changed. */
export function asciiUpper(dialect: Dialect, expr: RawBuilder<unknown>): RawBuilder<string> {
  return dialect.name === 'postgres' ? sql<string>`translate(${expr}, ${sql.lit(ASCII_LOWER)}, ${sql.lit(ASCII_UPPER)})` : sql<string>`upper(${expr})`;
}

/** `expr` without the given characters at its start (SQLite ltrim(x, y), PostgreSQL ltrim(x, y)). */
export function trimStartChars(expr: RawBuilder<unknown>, chars: string): RawBuilder<string> {
  return sql<string>`ltrim(${expr}, ${chars})`;
}

/**
 * A scratch table whose rows live until the end of the current write transaction: created on the
 * connection's first use and kept (one statement per transaction, no catalogue churn);
 * PostgreSQL empties it at commit (`on commit delete rows`), on SQLite `clearScratchTable`
 * empties it before the commit (and a rollback takes its rows back). Each connection has its
 * own, so ranges in flight on several connections do not meet.
 */
export function createScratchTable(dialect: Dialect, name: string, columns: RawBuilder<unknown>): RawBuilder<unknown> {
  const suffix = dialect.name === 'postgres' ? sql` on commit delete rows` : sql``;
  return sql`create temp table if not exists ${sql.ref(name)} (${columns})${suffix}`;
}

/** Empties a scratch table where the commit does not (SQLite); null where nothing is needed. */
export function clearScratchTable(dialect: Dialect, name: string): RawBuilder<unknown> | null {
  return dialect.name === 'postgres' ? null : sql`delete from ${sql.ref(`temp.${name}`)}`;
}
