// Every service test runs once per dialect against a real database: a SQLite file in a temp
// folder and a PostgreSQL database created for the test file on the test server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import type { DatabaseTarget } from '../../main/db/database-config';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

const TABLES = [
  'operation_leads',
  'operations',
  'compliance_incidents',
  'lead_status_audit',
  'dialer_hopper',
  'call_logs',
  'dnc_numbers',
  'leads',
  'lead_lists',
  'campaigns',
];

/** A fresh, migrated, empty database target of the given dialect. */
export async function createTestTarget(dialect: TestDialect): Promise<DatabaseTarget> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-test-'));
    // An empty file is an empty SQLite database; only migrate, seed-demo and demo create one
    // from the command line.
    const file = path.join(dir, 'test.sqlite');
    fs.writeFileSync(file, '', { mode: 0o600 });
    return { kind: 'sqlite', file };
  }
  const admin = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString() };
}

export async function openTestDatabase(dialect: TestDialect): Promise<DbHandle> {
  return openDatabase(await createTestTarget(dialect));
}

/** Empties every table (and restarts ids) so that each test starts from nothing. */
export async function resetDatabase(handle: DbHandle): Promise<void> {
  if (handle.dialect.name === 'postgres') {
    const extra = (await extraTables(handle)).filter((t) => !TABLES.includes(t));
    await sql.raw(`truncate ${[...TABLES, ...extra].join(', ')} restart identity cascade`).execute(handle.db);
    return;
  }
  const extra = (await extraTables(handle)).filter((t) => !TABLES.includes(t));
  for (const table of [...extra, ...TABLES]) await sql.raw(`delete from ${table}`).execute(handle.db);
  await sql.raw(`delete from sqlite_sequence`).execute(handle.db).catch(() => undefined);
}

// Tables added by later migrations (jobs, settings...), emptied too, except migration bookkeeping.
async function extraTables(handle: DbHandle): Promise<string[]> {
  const rows =
    handle.dialect.name === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(handle.db);
  return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_'));
}
