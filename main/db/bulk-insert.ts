import { sql } from 'kysely';
import type { Database } from './schema';
import { chunkForParams, type Db, type Dialect } from './dialect';

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
  const head = sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values `;
  for (const chunk of chunkForParams(dialect, rows, columns.length)) {
    await sql`${head}${sql.join(chunk.map(tuple))}`.execute(db);
  }
}

/** After rows were inserted with explicit ids, moves PostgreSQL's identity past them. */
export async function syncIdentity(db: Db, dialect: Dialect, table: keyof Database & string): Promise<void> {
  if (dialect.name !== 'postgres') return;
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}
