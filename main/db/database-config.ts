// Which database to open, the same rule for the CLI and the app:
// --db PATH (SQLite file), else --database-url / DATABASE_URL (PostgreSQL), else the default
// SQLite file in the user's data folder.
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../shared/errors';
import { describeConnection, type PgConnectionConfig } from './postgres/connection-config';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string; readOnly?: boolean }
  | { kind: 'postgres'; url: string; readOnly?: boolean };

/** What the app opens: also a connection from the settings form, as a pg config object (postgres/connection-config.ts). */
export type OpenTarget = DatabaseTarget | { kind: 'postgres'; connection: PgConnectionConfig; readOnly?: boolean };

export interface DatabaseOptions {
  db?: string;
  databaseUrl?: string;
}

/** The folder Electron calls `userData` for this app, so the CLI and the app share one file. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LEAD_CONSOLE_HOME) return env.LEAD_CONSOLE_HOME;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'lead-console');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'lead-console');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'lead-console');
}

export function defaultSqliteFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'lead-console.sqlite');
}

export function resolveDatabaseTarget(options: DatabaseOptions, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (options.db !== undefined && options.databaseUrl !== undefined) {
    throw new InputError('Choose one database: --db (a SQLite file) or --database-url (PostgreSQL), not both.');
  }
  if (options.db !== undefined) {
    if (options.db.trim() === '') throw new InputError('--db needs the path of a SQLite file.');
    return { kind: 'sqlite', file: path.resolve(options.db) };
  }
  const url = options.databaseUrl ?? (env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : undefined);
  if (url !== undefined) return { kind: 'postgres', url: validatePostgresUrl(url) };
  return { kind: 'sqlite', file: defaultSqliteFile(env) };
}

const URL_SHAPE = 'postgres://user:password@host:5432/database';

/** Checks a PostgreSQL URL and returns it unchanged; the message never repeats a password. */
export function validatePostgresUrl(raw: string): string {
  const text = raw.trim();
  if (text.length > 2048) throw new InputError(`The database URL is too long. It should look like ${URL_SHAPE}.`);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new InputError(`The database URL is not valid. It should look like ${URL_SHAPE}.`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new InputError(
      `The database URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//). It should look like ${URL_SHAPE}.`,
    );
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) {
    throw new InputError(`The database URL names no host. It should look like ${URL_SHAPE}.`);
  }
  if (parsed.port && !/^\d+$/.test(parsed.port)) throw new InputError('The database URL has an invalid port.');
  return text;
}

/** A URL or path fit to print: the password is replaced by ***. */
export function describeTarget(target: OpenTarget): string {
  if (target.kind === 'sqlite') return `SQLite ${target.file}`;
  return `PostgreSQL ${'connection' in target ? describeConnection(target.connection) : redactUrl(target.url)}`;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
