import { sql } from 'kysely';
import type { Database } from './schema';
import { chunkForParams, type Db, type Dialect } from './dialect';

/** Multi-row INSERTs sized to the dialect's parameter limit. */
export async function bulkInsert<T extends keyof Database & string>(
  db: Db,
  dialect: Dialect,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]).length;
  for (const chunk of chunkForParams(dialect, rows, perRow)) {
    await db.insertInto(table).values(chunk as never).execute();
  }
}

/** After rows were inserted with explicit ids, moves PostgreSQL's identity past them. */
export async function syncIdentity(db: Db, dialect: Dialect, table: keyof Database & string): Promise<void> {
  if (dialect.name !== 'postgres') return;
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}
