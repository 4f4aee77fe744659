// Generating a base of 10M leads row by row into tables that already carry their secondary
// indexes moves every index's B-tree for every row (phone keys, names and call times land at
// random places). The bench builds them once the rows are in instead: the same CREATE INDEX
// statements the migrations ran, read back from the catalogue, so the database the operations
// run on is the one a migrated console has. Generation is never timed; this only makes it finish.
import { sql } from 'kysely';
import type { DbHandle } from '../main/db/open-database';

interface IndexDef {
  name: string;
  create: string;
}

async function secondaryIndexes(h: DbHandle, tables: readonly string[]): Promise<IndexDef[]> {
  if (h.dialect.name === 'sqlite') {
    // `sql` is null for the indexes SQLite makes itself (primary keys, UNIQUE constraints).
    const rows = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)})`.execute(h.db);
    return rows.rows.map((r) => ({ name: r.name, create: r.sql }));
  }
  // Indexes that back a constraint (primary key, unique) stay: dropping them drops the constraint.
  const rows = await sql<{ name: string; create: string }>`select i.indexname as name, i.indexdef as create from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${sql.join(tables)})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(h.db);
  return rows.rows;
}

/** Runs `fill` with the tables' secondary indexes dropped, then creates them again as they were. */
export async function withIndexesDeferred<T>(h: DbHandle, tables: readonly string[], fill: () => Promise<T>): Promise<T> {
  const indexes = await secondaryIndexes(h, tables);
  for (const i of indexes) await sql`drop index ${sql.id(i.name)}`.execute(h.db);
  const result = await fill();
  for (const i of indexes) await sql.raw(i.create).execute(h.db);
  return result;
}
