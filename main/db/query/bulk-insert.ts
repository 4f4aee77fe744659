import { sql } from 'kysely';
import type { Database } from '../schema';
import type { Db, Dialect } from '../dialect';
import { executeForRows } from './batch-params';

/**
 * Multi-row INSERTs, in as few statements as the dialect allows (batch-params.ts). Every row
 * gives the same columns.
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Db,
  dialect: Dialect,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length || columns.some((c) => row[c] === undefined)) {
      throw new Error(`bulkInsert into ${table}: every row must give the same columns (${columns.join(', ')}).`);
    }
  }
  const names = sql.join(columns.map((c) => sql.ref(c)));
  await executeForRows(db, dialect, table, columns, rows, (v) => sql`insert into ${sql.table(table)} (${names}) select ${names} from ${v} as v`);
}

/** After rows were inserted with explicit ids, moves PostgreSQL's identity past them. */
export async function syncIdentity(db: Db, dialect: Dialect, table: keyof Database & string): Promise<void> {
  if (dialect.name !== 'postgres') return;
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}
