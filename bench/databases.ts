// Where the bench's databases live and how each run gets a fresh copy of the generated state,
// through the factory the tests and the crash harness use (scripts/fresh-database.ts): SQLite
// copies the checkpointed file, PostgreSQL clones the base database as a TEMPLATE.
// Copies are made before the clock starts: a reset is never timed.
import path from 'node:path';
import type { DatabaseTarget } from '../main/db/database-config';
import { openDatabase, type DbHandle } from '../main/db/open-database';
import { postgresDatabases, sqliteDatabases, urlWithDatabase, type FreshDatabases } from '../scripts/fresh-database';
import { startPostgresChild, type PostgresChild } from '../scripts/postgres-child';

export { urlWithDatabase };

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

export function targetOf(kind: BenchDb, location: string): DatabaseTarget {
  return kind === 'sqlite' ? ({ kind: 'sqlite', file: location } as DatabaseTarget) : ({ kind: 'postgres', url: location } as DatabaseTarget);
}

/** The bench's PostgreSQL databases, made through the server's `postgres` database. */
export function benchPgDatabases(serverUrl: string): FreshDatabases {
  // FILE_COPY: one checkpoint and a file copy, much faster than WAL-logging every page.
  return postgresDatabases(urlWithDatabase(serverUrl, 'postgres'), { fileCopy: true });
}

/** A fresh copy of the base state for one run; `location` is the file or URL to open. */
export async function freshCopy(base: BaseRef, slot: string): Promise<{ location: string; drop(): Promise<void> }> {
  if (base.kind === 'sqlite') {
    // Written through before the clock starts: otherwise the kernel writes the copy back during
    // the run, and throttles the run's own writes while it does (bench/README.md, "What it does").
    const databases = sqliteDatabases({ dir: DATA_DIR, syncCopies: true });
    const copy = await databases.copy({ kind: 'sqlite', file: base.file! }, `work-${slot}`);
    return { location: (copy as Extract<DatabaseTarget, { kind: 'sqlite' }>).file, drop: () => databases.drop(copy) };
  }
  const databases = benchPgDatabases(base.serverUrl!);
  const copy = await databases.copy({ kind: 'postgres', url: urlWithDatabase(base.serverUrl!, base.baseName!) }, `bench_work_${slot.replace(/[^a-z0-9_]/gi, '_')}`);
  return { location: (copy as Extract<DatabaseTarget, { kind: 'postgres' }>).url, drop: () => databases.drop(copy) };
}

export function openBench(kind: BenchDb, location: string, poolSize = 4): Promise<DbHandle> {
  return openDatabase(targetOf(kind, location), { poolSize });
}

export { freePort } from '../scripts/postgres-child';

/** A throwaway PostgreSQL for the bench: stock durability (fsync on), a cache a 1M-lead table fits in. */
export function startEmbeddedPostgres(): Promise<PostgresChild> {
  return startPostgresChild(['-c', 'shared_buffers=512MB', '-c', 'max_connections=50', '-c', 'max_wal_size=4GB']);
}
