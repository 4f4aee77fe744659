// Every row of every table the console owns, in a stable order: the raw material of the
// "nothing changed" and "same end state" comparisons of the reliability tests.
import type { DbHandle } from '../../../main/db/open-database';
import type { Database } from '../../../main/db/schema';

type TableName = keyof Database;
type Row = Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are compared, not typed
export type TableDump = Record<TableName, Row[]>;

/** Each table with the columns that order its rows the same way on both databases. */
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
  campaign_recycle_rules: ['id'],
  campaign_changes: ['id'],
  callbacks: ['id'],
};

export const TABLES = Object.keys(ORDER) as TableName[];

/** Booleans as booleans, so a SQLite and a PostgreSQL dump read alike. */
function normalise(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}

export async function dumpTables(h: DbHandle, tables: readonly TableName[] = TABLES): Promise<TableDump> {
  const dump = {} as TableDump;
  for (const table of tables) {
    let q = h.db.selectFrom(table as never).selectAll() as any;
    for (const col of ORDER[table]) q = q.orderBy(col);
    dump[table] = ((await q.execute()) as Row[]).map(normalise);
  }
  return dump;
}
