import { sql } from 'kysely';
import type { Database } from './schema';
import { chunkForParams, type Db, type Dialect } from './dialect';
import { executeRecurring, pgRowsOf } from './batch-params';

/** PostgreSQL: rows per statement, as one JSON parameter (batch-params.ts). */
const PG_ROWS_PER_STATEMENT = 5000;

/**
 * Multi-row INSERTs sized to the dialect's parameter limit. Every row names the same columns.
 * A template, not the insert builder: the builder parses each value of each row (a fix's audit
 * and undo rows, a few hundred per range, cost more to build than to insert).
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Db,
  dialect: Dialect,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const tuple = (row: Record<string, unknown>) => {
    const values = columns.map((c) => {
      const v = row[c];
      if (v === undefined || Object.keys(row).length !== columns.length) throw new Error(`bulkInsert into ${table}: every row must give the same columns (${columns.join(', ')}).`);
      return v;
    });
    return sql`(${sql.join(values)})`;
  };
  const names = sql.join(columns.map((c) => sql.ref(c)));
  if (dialect.name === 'postgres') {
    for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + PG_ROWS_PER_STATEMENT);
      chunk.forEach(tuple); // the same check of every row's columns
      await executeRecurring(db, dialect, sql`insert into ${sql.table(table)} (${names}) select ${names} from ${pgRowsOf(table, chunk)}`);
    }
    return;
  }
  const head = sql`insert into ${sql.table(table)} (${names}) values `;
  for (const chunk of chunkForParams(dialect, rows, columns.length)) {
    await sql`${head}${sql.join(chunk.map(tuple))}`.execute(db);
  }
}

/** After rows were inserted with explicit ids, moves PostgreSQL's identity past them. */
export async function syncIdentity(db: Db, dialect: Dialect, table: keyof Database & string): Promise<void> {
  if (dialect.name !== 'postgres') return;
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}
