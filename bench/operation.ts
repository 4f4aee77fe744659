// What one bench line is: a service call, its SQL floor, and how their results are compared.
// Its own file so the files that add lines (report-operations, audit-operations) import the type
// without importing the table that lists them.
import type { DbHandle } from '../main/db/open-database';

export interface OpEnv {
  leads: number;
}

export interface Operation {
  name: string;
  /** Needs a fresh copy of the state for every run (it writes). */
  fresh: boolean;
  runs: { quick: number; full: number };
  /** Untimed, on the copy, before the run. Its value is handed to run and floor. */
  setup?(h: DbHandle, env: OpEnv): Promise<unknown>;
  run(h: DbHandle, env: OpEnv, prepared: unknown): Promise<unknown>;
  floor?(h: DbHandle, env: OpEnv, prepared: unknown): Promise<unknown>;
  /** Untimed: what the result looks like, compared between the service and the floor. */
  fingerprint?(h: DbHandle, value: unknown): Promise<string>;
  /**
   * One untimed run of the service and of the floor first. For the operations that take tens of
   * milliseconds, the first runs in a fresh process measure V8 compiling the service's JavaScript,
   * not the fill; the floor is mostly SQL.
   */
  warmup?: true;
  /** Throughput operations report calls/second instead of a ratio. */
  throughput?: true;
  /** Rows one run handles (the result's or the dataset's): the table adds rows/s for service and floor. */
  rows?(value: unknown, env: OpEnv): number;
}
