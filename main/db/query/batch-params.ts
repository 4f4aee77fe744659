// Batches of rows and ids in one statement. On PostgreSQL as one JSON or array parameter: a
// multi-row VALUES list or an IN list has one parameter per value and a text that changes with
// the row count, so PostgreSQL parses, types and plans a new statement every time (a fix's
// 2,500-lead range wrote its undo rows with 2,890 parameters: 3.5 ms of a 30 ms range). As one
// parameter the text is the same for 1 row or 5,000 and goes as a named statement, parsed once
// per connection. SQLite binds a value in well under a microsecond but pulls each column out of
// JSON much more slowly (a fix's undo rows: 230 ms as VALUES, 880 ms through json_each at 1M
// leads), so it keeps VALUES lists for rows; ids, one value each, go as JSON there too, which
// keeps their statement text the same and in SQLite's statement cache.
import { CompiledQuery, sql, type Compilable, type QueryResult, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Dialect } from '../dialect';
import { nameRecurringStatement } from '../postgres/named-statements';
import { compileQuery } from './prepared-query';
import type { Database } from '../schema';

/** PostgreSQL: rows per statement (a bound on the JSON text, not a database limit). */
const PG_ROWS_PER_STATEMENT = 5000;
/**
 * SQLite: rows per statement. Full slices repeat one text, so a write of thousands of rows (the
 * sync's) reuses one prepared statement instead of parsing a new one per row count.
 */
const SQLITE_ROWS_PER_STATEMENT = 250;
const ROWS_MARK = '/*rows*/';

function slices<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Runs `build(v)` for `rows` in as few statements as the dialect allows and returns the rows the
 * statements return. `v` stands for a slice of the rows as a row source with the columns
 * `columns` (each a key of every row and a column of `table`; alias it: `from ${v} as v`).
 * PostgreSQL: json_populate_recordset, typed by the table, one parameter. SQLite: a VALUES list,
 * its text spliced in rather than built value by value (Kysely's nodes for a 2,500-lead range's
 * 42,500 values cost more than binding them).
 */
export async function executeForRows<R = unknown>(
  db: Db,
  dialect: Dialect,
  table: keyof Database & string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  build: (v: RawBuilder<unknown>) => RawBuilder<R>,
): Promise<R[]> {
  const out: R[] = [];
  if (rows.length === 0) return out;
  if (dialect.name === 'postgres') {
    for (const slice of slices(rows, PG_ROWS_PER_STATEMENT)) {
      const json = sql`json_populate_recordset(cast(null as ${sql.table(table)}), cast(${JSON.stringify(slice)} as json))`;
      out.push(...(await executeRecurring(db, dialect, build(json))).rows);
    }
    return out;
  }
  // SQLite names a VALUES list's columns column1, column2, …
  const names = columns.map((c, i) => `column${i + 1} as "${c.replace(/"/g, '""')}"`).join(', ');
  const head = build(sql.raw(`(select ${names} from (values ${ROWS_MARK}))`)).compile(db);
  const at = head.sql.indexOf(ROWS_MARK);
  // The statement's own parameters before the rows (its text has no '?' in a literal).
  const before = head.sql.slice(0, at).split('?').length - 1;
  if (at < 0 || before > head.parameters.length) throw new Error('executeForRows: the statement must use its row source once, and no "?" in a literal.');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (const slice of slices(rows, Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(dialect.maxParams / columns.length)))) {
    const text = head.sql.replace(ROWS_MARK, new Array<string>(slice.length).fill(tuple).join(', '));
    const values: unknown[] = [];
    for (const row of slice) for (const c of columns) values.push(row[c]);
    out.push(...(await db.executeQuery(CompiledQuery.raw(text, [...head.parameters.slice(0, before), ...values, ...head.parameters.slice(before)]))).rows as R[]);
  }
  return out;
}

/** "`column` is one of `ids`" as one JSON/array parameter; undefined for no ids (nothing matches). */
export function idsIn(dialect: Dialect, column: string, ids: readonly number[]): RawBuilder<SqlBool> | undefined {
  return oneOf(dialect, column, ids, 'bigint', 'array');
}

/**
 * "`column` is one of `ids`" as a set joined to the table, for a table that grows from empty
 * while one statement text keeps running (the hopper during a sync). PostgreSQL keeps the plan it
 * made while the table was empty: `= any(array)` then became a scan comparing every row with
 * every id (21-26 ms per 1,000-call batch of the 1M sync once dropped leads filled the hopper),
 * where a set costs a hash or an index probe per id whatever the plan. (SQLite: as idsIn.)
 */
export function idsInSet(dialect: Dialect, column: string, ids: readonly number[]): RawBuilder<SqlBool> | undefined {
  return oneOf(dialect, column, ids, 'bigint', 'set');
}

/** "`column` is one of `texts`", the same way. */
export function textsIn(dialect: Dialect, column: string, texts: readonly string[]): RawBuilder<SqlBool> | undefined {
  return oneOf(dialect, column, texts, 'text', 'array');
}

function oneOf(
  dialect: Dialect,
  column: string,
  values: readonly (number | string)[],
  pgType: 'bigint' | 'text',
  pgForm: 'array' | 'set',
): RawBuilder<SqlBool> | undefined {
  if (values.length === 0) return undefined;
  if (dialect.name === 'postgres') {
    const array = sql`cast(${[...values]} as ${sql.raw(pgType)}[])`;
    return pgForm === 'set' ? sql<SqlBool>`${sql.ref(column)} in (select unnest(${array}))` : sql<SqlBool>`${sql.ref(column)} = any(${array})`;
  }
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * Runs a query whose text recurs (built with the helpers above, or from a campaign's settings),
 * as a named statement on PostgreSQL.
 */
export async function executeRecurring<R>(db: Db, dialect: Dialect, query: RawBuilder<R> | Compilable<R>): Promise<QueryResult<R>> {
  return db.executeQuery(compileRecurring(db, dialect, query));
}

/** The same, compiled for a caller that sends it itself (postgres/pipeline.ts). */
export function compileRecurring<R>(db: Db, dialect: Dialect, query: RawBuilder<R> | Compilable<R>): CompiledQuery<R> {
  const compiled = compileQuery(db, query);
  if (dialect.name === 'postgres') nameRecurringStatement(compiled.sql);
  return compiled;
}
