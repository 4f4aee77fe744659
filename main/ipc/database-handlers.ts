// The PostgreSQL settings channels: test a connection, connect to one (the SQLite ones are in
// sqlite-handlers.ts). The fields go to pg as a config object (postgres/connection-config.ts), never
// as a URL; passwords never go into a message. In browser mode a failure to reach a server
// reads the same whatever the cause, so the channel cannot map which ports are open.
import type pg from 'pg';
import { ConsoleError } from '../../shared/errors';
import type { AppInfo, ParsedInputOf } from '../../shared/ipc/contract';
import type { AppRuntime } from '../app/app-runtime';
import { describePgError } from '../db/postgres/open-postgres';
import { toClientConfig, type PgConnectionConfig } from '../db/postgres/connection-config';
import type { SqliteChoiceOptions } from './sqlite-handlers';

export type DatabaseChoiceOptions = SqliteChoiceOptions;

type PgInput = ParsedInputOf<'database/test-postgres'>;

export const BROWSER_PG_FAILURE = 'Cannot connect to a PostgreSQL server with these settings.';
// Answers only a PostgreSQL server gives (SQLSTATE): wrong password or user, no such database.
const SERVER_ANSWERS = new Set(['28P01', '28000', '3D000']);

function withPassword(runtime: AppRuntime, options: DatabaseChoiceOptions, input: PgInput): PgConnectionConfig {
  if (input.password !== undefined) return { ...input };
  const kept = options.settings?.storedPassword(input) ?? currentPassword(runtime, input);
  return { ...input, password: kept };
}

// "Omitted: keep the stored one": the saved one, else the one of the connection in use.
function currentPassword(runtime: AppRuntime, input: PgInput): string | undefined {
  if (!runtime.isOpen || runtime.handle.target.kind !== 'postgres') return undefined;
  const target = runtime.handle.target;
  if ('connection' in target) {
    const c = target.connection;
    return c.host === input.host && c.port === input.port && c.user === input.user ? c.password : undefined;
  }
  try {
    const u = new URL(target.url);
    const port = Number(u.port || 5432);
    if (u.hostname.replace(/^\[|\]$/g, '') !== input.host || port !== input.port || decodeURIComponent(u.username) !== input.user) return undefined;
    return u.password ? decodeURIComponent(u.password) : undefined;
  } catch {
    return undefined;
  }
}

function failure(runtime: AppRuntime, error: unknown, conn: PgConnectionConfig): ConsoleError {
  const code = (error as { code?: string })?.code;
  if (runtime.options.shell === 'browser' && !(code && SERVER_ANSWERS.has(code))) return new ConsoleError('database_unavailable', BROWSER_PG_FAILURE);
  return new ConsoleError('database_unavailable', describePgError(error, conn));
}

/** Connects once with the fields: the server's version, or a failure fit for the shell. */
async function probe(runtime: AppRuntime, conn: PgConnectionConfig): Promise<string> {
  let client: pg.Client | null = null;
  try {
    // Inside the try: a constructor that throws is a failed test, not an internal error.
    // pg loads on first use, as in open-postgres.ts.
    const { default: Pg } = await import('pg');
    client = new Pg.Client({ ...toClientConfig(conn), connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    await client.connect();
    const row = await client.query<{ server_version: string }>('show server_version');
    return row.rows[0]?.server_version ?? 'unknown';
  } catch (error) {
    throw failure(runtime, error, conn);
  } finally {
    await client?.end().catch(() => undefined);
  }
}

export async function testPostgres(runtime: AppRuntime, options: DatabaseChoiceOptions, input: PgInput): Promise<{ ok: true; server_version: string }> {
  return { ok: true, server_version: await probe(runtime, withPassword(runtime, options, input)) };
}

export async function connectPostgres(runtime: AppRuntime, options: DatabaseChoiceOptions, input: PgInput): Promise<AppInfo> {
  const connection = withPassword(runtime, options, input);
  // Probed first: opening's own errors name the cause, which browser mode does not tell.
  await probe(runtime, connection);
  const info = await runtime.useDatabase({ kind: 'postgres', connection });
  options.settings?.savePostgres(connection);
  return info;
}
