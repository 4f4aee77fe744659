// Is this SQLite file one the console may turn into its own? An empty file, a Lead Console
// database or a dialer's (any of the integration tables) is; a file holding only another
// application's tables is not, without the supervisor's explicit "create the console's tables
// here": migrating it would add 15 tables, switch its journal to WAL and run jobs on it.
import BetterSqlite3 from 'better-sqlite3';

const OURS = new Set(['kysely_migration', 'campaigns', 'lead_lists', 'leads', 'call_logs', 'dialer_hopper', 'dnc_numbers', 'lead_status_audit']);

/**
 * The tables of another application when `file` holds only those; null when the console may use
 * it (no tables, ours or a dialer's) or when it cannot be read (opening it then says why).
 */
export function foreignTables(file: string): string[] | null {
  let db: BetterSqlite3.Database | null = null;
  try {
    // Read-only and without creating: looking changes nothing, not even the journal mode.
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const names = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name);
    if (names.length === 0 || names.some((n) => OURS.has(n))) return null;
    return names;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
