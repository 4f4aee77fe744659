// Seeded template databases and cheap copies of them, one per crash scenario: a file copy on
// SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL (both far faster than seeding again).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../../../main/db/database-config';

export type CrashDialect = 'sqlite' | 'postgres';

export interface TargetFactory {
  dialect: CrashDialect;
  /** An empty target to seed a template in. */
  fresh(): Promise<DatabaseTarget>;
  /** A copy of a template (no process may have it open). */
  copy(template: DatabaseTarget): Promise<DatabaseTarget>;
  drop(target: DatabaseTarget): Promise<void>;
}

export function dbArgs(t: DatabaseTarget): string[] {
  return t.kind === 'sqlite' ? ['--db', t.file] : ['--database-url', t.url];
}

export function sqliteFactory(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-crash-'))): TargetFactory {
  const name = () => path.join(dir, `${randomBytes(5).toString('hex')}.sqlite`);
  return {
    dialect: 'sqlite',
    fresh: async () => {
      const file = name();
      fs.writeFileSync(file, ''); // an empty database: the CLI opens only existing files
      return { kind: 'sqlite', file };
    },
    copy: async (template) => {
      const from = (template as Extract<DatabaseTarget, { kind: 'sqlite' }>).file;
      const file = name();
      // Writers close cleanly after seeding, so the -wal is checkpointed; copy it if not.
      fs.copyFileSync(from, file);
      if (fs.existsSync(`${from}-wal`)) fs.copyFileSync(`${from}-wal`, `${file}-wal`);
      return { kind: 'sqlite', file };
    },
    drop: async (t) => {
      const file = (t as Extract<DatabaseTarget, { kind: 'sqlite' }>).file;
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    },
  };
}

export function postgresFactory(adminUrl: string): TargetFactory {
  const urlFor = (db: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const dbName = (t: DatabaseTarget) => new URL((t as Extract<DatabaseTarget, { kind: 'postgres' }>).url).pathname.slice(1);
  return {
    dialect: 'postgres',
    fresh: async () => {
      const name = `crash_${randomBytes(5).toString('hex')}`;
      await admin((c) => c.query(`create database ${name}`));
      return { kind: 'postgres', url: urlFor(name) };
    },
    copy: async (template) => {
      const name = `crash_${randomBytes(5).toString('hex')}`;
      await admin((c) => c.query(`create database ${name} template ${dbName(template)}`));
      return { kind: 'postgres', url: urlFor(name) };
    },
    // FORCE: a killed child's backend may still be finishing its rollback.
    drop: (t) => admin((c) => c.query(`drop database if exists ${dbName(t)} with (force)`)).then(() => undefined),
  };
}
