// Opens the database a target names and brings its schema up to date; each dialect's folder
// knows how to open its own (sqlite/open-sqlite.ts, postgres/open-postgres.ts).
import type { OpenTarget } from './database-config';
import type { DbHandle, OpenOptions } from './db-handle';
import { assertNotNewer, migrateToLatest } from './migrations/migrate';
import { openPostgres } from './postgres/open-postgres';
import { openSqlite } from './sqlite/open-sqlite';

export type { DbHandle, OpenOptions } from './db-handle';

export async function openDatabase(target: OpenTarget, options: OpenOptions = {}): Promise<DbHandle> {
  const handle = target.kind === 'sqlite' ? openSqlite(target, options) : await openPostgres(target, options);
  try {
    if (options.migrate === false || target.readOnly) await assertNotNewer(handle.db, handle.dialect);
    else await migrateToLatest(handle.db, handle.dialect);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}
