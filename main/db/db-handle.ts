// An open database, whichever it is: what services get (db, dialect) and what only the opener and
// the bench need (close, ready, the PostgreSQL pipelined writer). The SQLite driver itself, which
// only the bench uses, is sqliteDriverOf (sqlite/open-sqlite.ts).
import type { OpenTarget } from './database-config';
import type { Db, Dialect } from './dialect';
import type { PipelinedTransactionRunner } from './postgres/pipeline';

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  target: OpenTarget;
  /** Printable description, without secrets. */
  description: string;
  close(): Promise<void>;
  /**
   * Settles when what opening started in the background is up (SQLite: the checkpoint worker):
   * the bench waits for it before timing, as a console opens its database once.
   */
  ready?(): Promise<void>;
  /**
   * SQLite: starts the long-work lanes' threads now rather than on first use. A console calls it
   * as it opens a database (a thread's start cost the Hopper screen's first explain 0.5 s on a
   * busy machine); a CLI run, which may never do long work, does not.
   */
  startLongWork?(): void;
  /**
   * PostgreSQL only: a write transaction whose statements go in batches, a round trip each
   * (postgres/pipeline.ts), for the hottest path (a dial result). Retrying conflicts is the caller's.
   */
  pipelinedTransaction?: PipelinedTransactionRunner;
}

export interface OpenOptions {
  /** Apply pending migrations (default true). Read-only handles never migrate. */
  migrate?: boolean;
  /** SQLite busy timeout in ms: how long a write waits for another writer. */
  busyTimeoutMs?: number;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** SQLite: checkpoint the WAL on a worker thread (default true; see sqlite/wal-checkpointer.ts). */
  backgroundCheckpoints?: boolean;
  /** SQLite: run long work's statements on a worker thread (default true; see sqlite/long-work-thread.ts). */
  longWorkThread?: boolean;
}
