// Where the bench's databases live and how each run gets a fresh copy of the generated state:
// SQLite copies the checkpointed file, PostgreSQL clones the base database as a TEMPLATE.
// Copies are made before the clock starts: a reset is never timed.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../main/db/database-config';
import { openDatabase, type DbHandle } from '../main/db/open-database';
import { startPostgresChild, type PostgresChild } from '../scripts/postgres-child';

export type BenchDb = 'sqlite' | 'postgres';

export const DATA_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'data');

/** The base (generated) database of one kind. */
export interface BaseRef {
  kind: BenchDb;
  /** SQLite: the base file. PostgreSQL: the server URL (any database) and the base name. */
  file?: string;
  serverUrl?: string;
  baseName?: string;
}

export function urlWithDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function targetOf(kind: BenchDb, location: string): DatabaseTarget {
  return kind === 'sqlite' ? ({ kind: 'sqlite', file: location } as DatabaseTarget) : ({ kind: 'postgres', url: location } as DatabaseTarget);
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlWithDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Drops and creates an empty PostgreSQL database. */
export async function recreatePgDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  await adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
  // FILE_COPY: one checkpoint and a file copy, much faster than WAL-logging every page.
  await adminQuery(serverUrl, template ? `create database "${name}" template "${template}" strategy = file_copy` : `create database "${name}"`);
}

export async function dropPgDatabase(serverUrl: string, name: string): Promise<void> {
  await adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
}

/** A fresh copy of the base state for one run; `location` is the file or URL to open. */
export async function freshCopy(base: BaseRef, slot: string): Promise<{ location: string; drop(): Promise<void> }> {
  if (base.kind === 'sqlite') {
    const file = path.join(DATA_DIR, `work-${slot}.sqlite`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.copyFileSync(base.file!, file);
    // Written through before the clock starts: otherwise the kernel writes the copy back during
    // the run, and throttles the run's own writes while it does (bench/README.md, "What it does").
    const fd = fs.openSync(file, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return {
      location: file,
      drop: async () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      },
    };
  }
  const name = `bench_work_${slot.replace(/[^a-z0-9_]/gi, '_')}`;
  await recreatePgDatabase(base.serverUrl!, name, base.baseName);
  return { location: urlWithDatabase(base.serverUrl!, name), drop: () => dropPgDatabase(base.serverUrl!, name) };
}

export function openBench(kind: BenchDb, location: string, poolSize = 4): Promise<DbHandle> {
  return openDatabase(targetOf(kind, location), { poolSize });
}

export { freePort } from '../scripts/postgres-child';

/** A throwaway PostgreSQL for the bench: stock durability (fsync on), a cache a 1M-lead table fits in. */
export function startEmbeddedPostgres(): Promise<PostgresChild> {
  return startPostgresChild(['-c', 'shared_buffers=512MB', '-c', 'max_connections=50', '-c', 'max_wal_size=4GB']);
}
