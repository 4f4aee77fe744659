// Batches of rows and ids in one statement. On PostgreSQL as one JSON or array parameter: a
// multi-row VALUES list or an IN list has one parameter per value and a text that changes with
// the row count, so PostgreSQL parses, types and plans a new statement every time (a fix's
// 2,500-lead range wrote its undo rows with 2,890 parameters: 3.5 ms of a 30 ms range). As one
// parameter the text is the same for 1 row or 5,000 and goes as a named statement, parsed once
// per connection. SQLite binds a value in well under a microsecond but pulls each column out of
// JSON much more slowly (a fix's undo rows: 230 ms as VALUES, 880 ms through json_each at 1M
// leads), so it keeps VALUES lists for rows; ids, one value each, go as JSON there too, which
// keeps their statement text the same and in SQLite's statement cache.
import { sql, type Compilable, type QueryResult, type RawBuilder, type SqlBool } from 'kysely';
import { chunkForParams, type Db, type Dialect } from './dialect';
import { nameRecurringStatement } from './pg-named-statements';
import type { Database } from './schema';

/** PostgreSQL: rows per statement (a bound on the JSON text, not a database limit). */
const PG_ROWS_PER_STATEMENT = 5000;

/** `rows` in slices that one statement can take, each row giving `columns` values. */
export function rowSlices<T>(dialect: Dialect, rows: readonly T[], columns: number): T[][] {
  if (dialect.name === 'sqlite') return chunkForParams(dialect, rows, columns);
  const slices: T[][] = [];
  for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) slices.push(rows.slice(i, i + PG_ROWS_PER_STATEMENT));
  return slices;
}

/**
 * One slice of rows (see rowSlices) as a row source with the columns `columns` (each a key of
 * every row and a column of `table`): PostgreSQL's json_populate_recordset, typed by the table;
 * SQLite's VALUES list. Alias it: `from ${rowsOf(…)} as v`.
 */
export function rowsOf(dialect: Dialect, table: keyof Database & string, columns: readonly string[], rows: readonly object[]): RawBuilder<unknown> {
  if (dialect.name === 'postgres') return sql`json_populate_recordset(cast(null as ${sql.table(table)}), cast(${JSON.stringify(rows)} as json))`;
  // SQLite names a VALUES list's columns column1, column2, …
  const names = columns.map((c, i) => sql`${sql.ref(`column${i + 1}`)} as ${sql.ref(c)}`);
  const tuples = rows.map((r) => sql`(${sql.join(columns.map((c) => (r as Record<string, unknown>)[c]))})`);
  return sql`(select ${sql.join(names)} from (values ${sql.join(tuples)}))`;
}

/** "`column` is one of `ids`" as one JSON/array parameter; undefined for no ids (nothing matches). */
export function idsIn(dialect: Dialect, column: string, ids: readonly number[]): RawBuilder<SqlBool> | undefined {
  if (ids.length === 0) return undefined;
  if (dialect.name === 'postgres') return sql<SqlBool>`${sql.ref(column)} = any(cast(${[...ids]} as bigint[]))`;
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * Runs a query whose text recurs (built with the helpers above, or from a campaign's settings),
 * as a named statement on PostgreSQL.
 */
export async function executeRecurring<R>(db: Db, dialect: Dialect, query: RawBuilder<R> | Compilable<R>): Promise<QueryResult<R>> {
  const compiled = 'isRawBuilder' in query ? query.compile(db) : query.compile();
  if (dialect.name === 'postgres') nameRecurringStatement(compiled.sql);
  return db.executeQuery(compiled);
}
