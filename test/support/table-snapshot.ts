// Every row of a database's tables in a stable order: the raw material of every "nothing
// changed" and "same end state" comparison (refused input, read-only audits, a crash harness
// kill). Tables are found at run time, so those added by later migrations are covered too;
// migration bookkeeping is left out.
import { sql } from 'kysely';
import type { DatabaseTarget } from '../../main/db/database-config';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import type { Database } from '../../main/db/schema';

export type TableName = keyof Database;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are compared, not typed
export type Row = Record<string, any>;
export type TableSnapshot = Record<TableName, Row[]>;

/** The columns that order each table's rows the same way on both databases. */
const ORDER: Record<TableName, string[]> = {
  campaigns: ['id'],
  lead_lists: ['id'],
  leads: ['id'],
  call_logs: ['id'],
  dialer_hopper: ['lead_id'],
  dnc_numbers: ['phone'],
  lead_status_audit: ['id'],
  compliance_incidents: ['id'],
  operations: ['started_at', 'id'],
  operation_leads: ['operation_id', 'lead_id'],
  job_settings: ['job'],
  job_leases: ['job'],
  job_runs: ['id'],
  status_aliases: ['word'],
  dnc_changes: ['id'],
  campaign_recycle_rules: ['id'],
  campaign_changes: ['id'],
  callbacks: ['id'],
};

/** The tables the schema knows, for building a snapshot by hand. */
export const TABLES = Object.keys(ORDER) as TableName[];

export async function tableNames(h: DbHandle): Promise<TableName[]> {
  const rows =
    h.dialect.name === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(h.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(h.db);
  return rows.rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort() as TableName[];
}

/** 64-bit integers as numbers, so a SQLite and a PostgreSQL snapshot read alike. */
function normalise(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}

/** Every table of a database no one has open: opened for the snapshot, closed after. */
export async function snapshotTarget(target: DatabaseTarget): Promise<TableSnapshot> {
  const h = await openDatabase(target);
  try {
    return await snapshotTables(h);
  } finally {
    await h.close();
  }
}

/** The rows of `tables` (default: every table in the database). */
export async function snapshotTables(h: DbHandle, tables?: readonly TableName[]): Promise<TableSnapshot> {
  const snapshot = {} as TableSnapshot;
  for (const table of tables ?? (await tableNames(h))) {
    const order = ORDER[table];
    const rows = (await sql<Row>`select * from ${sql.table(table)}${order ? sql` order by ${sql.join(order.map((c) => sql.ref(c)))}` : sql``}`.execute(h.db)).rows.map(normalise);
    // A table this file does not know yet: order-free, by content.
    snapshot[table] = order ? rows : rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return snapshot;
}

/** Names of the tables whose rows differ, for a readable failure. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<TableName>;
  return [...names].filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t])).sort();
}
