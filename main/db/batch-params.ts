// Batches of rows and ids in one statement: as one parameter on PostgreSQL. A multi-row VALUES list or an IN list
// has one parameter per value, and its text changes with the row count: PostgreSQL parses, types
// and plans it afresh every time (a fix's 2,500-lead range wrote its undo rows with 2,890
// parameters, 3.5 ms of a 30 ms range). As one JSON or array parameter the text is the same for
// 1 row or 2,500, goes as a named statement (parsed once per connection), and nothing is bound
// per value. SQLite binds values in microseconds and keeps its VALUES lists (see callers).
import { sql, type Compilable, type QueryResult, type RawBuilder, type SqlBool } from 'kysely';
import { chunkForParams, type Db, type Dialect } from './dialect';
import { nameRecurringStatement } from './pg-named-statements';
import type { Database } from './schema';

/**
 * The rows as a PostgreSQL row source typed by `table`'s own columns (json_populate_recordset):
 * every key of a row must be a column of the table; columns a row leaves out are NULL.
 */
export function pgRowsOf(table: keyof Database & string, rows: readonly object[]): RawBuilder<unknown> {
  return sql`json_populate_recordset(cast(null as ${sql.table(table)}), cast(${JSON.stringify(rows)} as json))`;
}

/**
 * "`column` is one of `ids`", one condition per statement: a single array parameter on
 * PostgreSQL, IN lists within SQLite's parameter limit. None for no ids.
 */
export function idsInBatches(dialect: Dialect, column: string, ids: readonly number[]): RawBuilder<SqlBool>[] {
  if (ids.length === 0) return [];
  if (dialect.name === 'postgres') return [sql<SqlBool>`${sql.ref(column)} = any(cast(${[...ids]} as bigint[]))`];
  return chunkForParams(dialect, ids, 1).map((chunk) => sql<SqlBool>`${sql.ref(column)} in (${sql.join(chunk)})`);
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
