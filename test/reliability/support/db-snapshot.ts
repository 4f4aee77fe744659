// Every row of every table in the database (found at run time, so tables added by later
// migrations are covered too), in a stable order: "nothing changed" means this is equal before
// and after. Migration bookkeeping is left out.
import { sql } from 'kysely';
import type { DbHandle } from '../../../main/db/open-database';

export type DbSnapshot = Record<string, string[]>;

export async function tableNames(h: DbHandle): Promise<string[]> {
  const rows =
    h.dialect.name === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(h.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(h.db);
  return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_')).sort();
}

/** Each table as a sorted list of JSON rows (order-free, dialect-neutral enough to compare). */
export async function snapshotDatabase(h: DbHandle): Promise<DbSnapshot> {
  const out: DbSnapshot = {};
  for (const table of await tableNames(h)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(h.db);
    out[table] = rows.rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))).sort();
  }
  return out;
}

/** Names of the tables whose rows differ, for a readable failure. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t])).sort();
}
