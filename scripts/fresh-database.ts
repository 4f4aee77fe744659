// Fresh databases for the tests, the crash harness and the bench, one way for all three: an empty
// database (a new file in a folder; CREATE DATABASE) or a copy of a seeded template (a file copy;
// CREATE DATABASE … TEMPLATE, both far faster than seeding again), and dropping what was made.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../main/db/database-config';

export type DatabaseKind = DatabaseTarget['kind'];

export interface FreshDatabases {
  kind: DatabaseKind;
  /** An empty database (not migrated). A name makes it predictable; one of that name is replaced. */
  fresh(name?: string): Promise<DatabaseTarget>;
  /** A copy of a template that no process has open; a name as for `fresh`. */
  copy(template: DatabaseTarget, name?: string): Promise<DatabaseTarget>;
  drop(target: DatabaseTarget): Promise<void>;
  /** The database of that name, if it exists (the bench's kept bases); made by this factory or not. */
  existing(name: string): Promise<DatabaseTarget | null>;
  /** Drops every database this factory made that is still there (and its temp folder). */
  dropAll(): Promise<void>;
}

export interface SqliteOptions {
  /** Where the files go; by default a new temp folder, removed by `dropAll`. */
  dir?: string;
  /** Write copies through to disk before returning (the bench: a copy must not be written back while a run is timed). */
  syncCopies?: boolean;
}

export interface PostgresOptions {
  /** Name prefix of unnamed databases. */
  prefix?: string;
  /** CREATE DATABASE … STRATEGY FILE_COPY: one checkpoint and a file copy, not every page WAL-logged (large templates). */
  fileCopy?: boolean;
}

const uniqueName = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

function sqliteFile(t: DatabaseTarget): string {
  if (t.kind !== 'sqlite') throw new Error(`not a SQLite target: ${t.kind}`);
  return t.file;
}

const removeSqlite = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
};

export function sqliteDatabases(options: SqliteOptions = {}): FreshDatabases {
  const ownDir = options.dir === undefined;
  let dir = options.dir;
  const made = new Set<string>();
  const fileFor = (name: string | undefined) => {
    dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-db-'));
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name ?? uniqueName('db-')}.sqlite`);
    removeSqlite(file);
    made.add(file);
    return file;
  };
  return {
    kind: 'sqlite',
    fresh: async (name) => {
      // An empty file is an empty SQLite database: the CLI opens only files that exist (only
      // migrate, seed-demo and demo create one).
      const file = fileFor(name);
      fs.writeFileSync(file, '', { mode: 0o600 });
      return { kind: 'sqlite', file };
    },
    copy: async (template, name) => {
      const from = sqliteFile(template);
      const file = fileFor(name);
      // Writers close cleanly after seeding, so the -wal is checkpointed; copy it if not.
      fs.copyFileSync(from, file);
      if (fs.existsSync(`${from}-wal`)) fs.copyFileSync(`${from}-wal`, `${file}-wal`);
      if (options.syncCopies) {
        const fd = fs.openSync(file, 'r+');
        try {
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
      }
      return { kind: 'sqlite', file };
    },
    existing: async (name) => {
      const file = dir === undefined ? null : path.join(dir, `${name}.sqlite`);
      return file && fs.existsSync(file) ? { kind: 'sqlite', file } : null;
    },
    drop: async (t) => {
      removeSqlite(sqliteFile(t));
      made.delete(sqliteFile(t));
    },
    dropAll: async () => {
      for (const file of made) removeSqlite(file);
      made.clear();
      if (ownDir && dir) fs.rmSync(dir, { recursive: true, force: true });
      // A later use (work that outlived its test's timeout) gets a new folder, not this one again.
      if (ownDir) dir = undefined;
    },
  };
}

export function urlWithDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function postgresDatabaseName(t: DatabaseTarget): string {
  if (t.kind !== 'postgres') throw new Error(`not a PostgreSQL target: ${t.kind}`);
  return decodeURIComponent(new URL(t.url).pathname.slice(1));
}

/** `adminUrl`: any database on the server the user may connect to and create databases from. */
export function postgresDatabases(adminUrl: string, options: PostgresOptions = {}): FreshDatabases {
  const made = new Set<string>();
  const admin = async (text: string, params: unknown[] = []): Promise<number> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rowCount ?? 0;
    } finally {
      await client.end();
    }
  };
  // FORCE: a killed child's backend may still be finishing its rollback.
  const dropNamed = async (name: string) => {
    await admin(`drop database if exists "${name}" with (force)`);
    made.delete(name);
  };
  const create = async (name: string | undefined, template?: DatabaseTarget): Promise<DatabaseTarget> => {
    const db = name ?? uniqueName(options.prefix ?? 'db_');
    if (name !== undefined) await dropNamed(db);
    const from = template ? ` template "${postgresDatabaseName(template)}"${options.fileCopy ? ' strategy = file_copy' : ''}` : '';
    await admin(`create database "${db}"${from}`);
    made.add(db);
    return { kind: 'postgres', url: urlWithDatabase(adminUrl, db) };
  };
  return {
    kind: 'postgres',
    fresh: (name) => create(name),
    copy: (template, name) => create(name, template),
    existing: async (name) =>
      (await admin('select 1 from pg_database where datname = $1', [name])) === 1 ? { kind: 'postgres', url: urlWithDatabase(adminUrl, name) } : null,
    drop: (t) => dropNamed(postgresDatabaseName(t)),
    dropAll: async () => {
      for (const name of [...made]) await dropNamed(name);
    },
  };
}
