// The database settings channels: test a PostgreSQL connection, connect to one, open a SQLite
// file. Passwords go into a URL only in memory and never into a message.
import path from 'node:path';
import pg from 'pg';
import { ConsoleError, InputError } from '../../shared/errors';
import type { AppInfo, ParsedInputOf } from '../../shared/ipc/contract';
import type { AppRuntime } from '../app/app-runtime';
import { postgresUrl, type DatabaseSettings, type PostgresConnection } from '../app/database-settings';
import { describePgError } from '../db/postgres/open-postgres';

export interface DatabaseChoiceOptions {
  /** Remembers the choice for the next start (Electron); absent in browser mode. */
  settings?: DatabaseSettings;
  /** Asks the user for a SQLite file (Electron's dialog); null when they cancel. */
  chooseSqliteFile?: () => Promise<string | null>;
}

type PgInput = ParsedInputOf<'database/test-postgres'>;

function withPassword(runtime: AppRuntime, options: DatabaseChoiceOptions, input: PgInput): PostgresConnection {
  if (input.password !== undefined) return { ...input };
  const kept = options.settings?.storedPassword(input) ?? currentPassword(runtime, input);
  return { ...input, password: kept };
}

// "Omitted: keep the stored one": the saved one, else the one of the connection in use.
function currentPassword(runtime: AppRuntime, input: PgInput): string | undefined {
  if (!runtime.isOpen || runtime.handle.target.kind !== 'postgres') return undefined;
  try {
    const u = new URL(runtime.handle.target.url);
    const port = Number(u.port || 5432);
    if (u.hostname.replace(/^\[|\]$/g, '') !== input.host || port !== input.port || decodeURIComponent(u.username) !== input.user) return undefined;
    return u.password ? decodeURIComponent(u.password) : undefined;
  } catch {
    return undefined;
  }
}

export async function testPostgres(runtime: AppRuntime, options: DatabaseChoiceOptions, input: PgInput): Promise<{ ok: true; server_version: string }> {
  const url = postgresUrl(withPassword(runtime, options, input));
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const row = await client.query<{ server_version: string }>('show server_version');
    return { ok: true, server_version: row.rows[0]?.server_version ?? 'unknown' };
  } catch (error) {
    throw new ConsoleError('database_unavailable', describePgError(error, url));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function connectPostgres(runtime: AppRuntime, options: DatabaseChoiceOptions, input: PgInput): Promise<AppInfo> {
  const conn = withPassword(runtime, options, input);
  const info = await runtime.useDatabase({ kind: 'postgres', url: postgresUrl(conn) });
  options.settings?.savePostgres(conn);
  return info;
}

export async function openSqlite(runtime: AppRuntime, options: DatabaseChoiceOptions, input: ParsedInputOf<'database/open-sqlite'>): Promise<AppInfo> {
  let file = input.file;
  if (file === undefined) {
    if (!options.chooseSqliteFile) throw new InputError('Give the path of the SQLite file to open.');
    const chosen = await options.chooseSqliteFile();
    if (!chosen) return runtime.info();
    file = chosen;
  }
  const resolved = path.resolve(file);
  const info = await runtime.useDatabase({ kind: 'sqlite', file: resolved });
  options.settings?.saveSqlite(resolved);
  return info;
}
