// Long work on SQLite runs on a worker thread with its own connection (long-work-worker.mjs):
// better-sqlite3 answers synchronously, so a statement over thousands of leads, or the commit of a
// recycle that wrote 150 MB of pages, held the main thread (the window, the browser-mode server)
// for as long as it took: 100–350 ms at a million leads (docs/performance.md, "Long work runs on
// its own thread"). Here the main thread only posts each statement and awaits its answer.
//
// Like the checkpoint worker, the thread is a speed-up, never a condition: until it has started,
// and for good if it fails, long work runs on the main connection as before (query/long-work.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WriteGate } from './write-gate';

/** What one statement gives back (Kysely's QueryResult is built from it by long-work-driver.ts). */
export interface StatementResult {
  rows: unknown[];
  changes?: number;
  lastInsertRowid?: number | bigint;
}

interface Answer extends Partial<StatementResult> {
  id: number;
  inTransaction: boolean;
  error?: { message: string; code?: string; name?: string };
}

/** Beside this module (or the main bundle); in a packaged app, unpacked from the asar archive. */
function workerFile(): string {
  const file = fileURLToPath(new URL('./long-work-worker.mjs', import.meta.url));
  return file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

/** The error the worker's connection threw, with SQLite's code (SQLITE_BUSY...) kept for the callers that read it. */
function rebuiltError(error: NonNullable<Answer['error']>): Error {
  const rebuilt = new Error(error.message) as Error & { code?: string };
  if (error.name) rebuilt.name = error.name;
  if (error.code !== undefined) rebuilt.code = error.code;
  return rebuilt;
}

export interface LongWorkThreadOptions {
  file: string;
  /** Opened read-only (a read-only console: its long work only reads). */
  readOnly?: boolean;
  busyTimeoutMs: number;
  journalSizeLimit: number;
  gate: WriteGate;
}

export class LongWorkThread {
  #worker: Worker | null = null;
  #running = false;
  #started: Promise<boolean>;
  #exited: Promise<void> = Promise.resolve();
  #pending = new Map<number, { resolve: (r: StatementResult) => void; reject: (e: Error) => void; writes: boolean }>();
  #nextId = 1;
  /** The worker's connection was left inside a transaction by its last statement. */
  #inTransaction = false;
  readonly #gate: WriteGate;

  constructor(options: LongWorkThreadOptions) {
    this.#gate = options.gate;
    let settle: (ok: boolean) => void = () => undefined;
    this.#started = new Promise((resolve) => (settle = resolve));
    try {
      this.#worker = new Worker(workerFile(), {
        workerData: { file: path.resolve(options.file), readOnly: Boolean(options.readOnly), busyTimeoutMs: options.busyTimeoutMs, journalSizeLimit: options.journalSizeLimit },
      });
    } catch {
      settle(false);
      return;
    }
    const worker = this.#worker;
    worker.on('message', (message: 'ready' | { failed: string } | Answer) => {
      if (message === 'ready') {
        this.#running = true;
        settle(true);
      } else if ('failed' in message) settle(false);
      else this.#answer(message);
    });
    const fail = (error: Error) => {
      this.#running = false;
      settle(false);
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
      this.#inTransaction = false;
      this.#gate.open();
    };
    worker.on('error', fail);
    this.#exited = new Promise((resolve) =>
      worker.once('exit', () => {
        fail(new Error('The long-work thread has stopped.'));
        resolve();
      }),
    );
    // Never keeps a process alive by itself: referenced only while a statement is out (run()).
    worker.unref();
  }

  /** The thread runs statements (false before it started and after it stopped or failed). */
  get running(): boolean {
    return this.#running;
  }

  /** Settles when the thread has started (true) or failed to (false). */
  async whenStarted(): Promise<boolean> {
    if (this.#running) return true;
    this.#worker?.ref();
    try {
      return await this.#started;
    } finally {
      if (this.#pending.size === 0) this.#worker?.unref();
    }
  }

  /**
   * Runs one statement on the thread's connection. `writes`: it may write (anything but a plain
   * SELECT); the gate then closes before it goes, so that no write of the main connection has to
   * wait inside SQLite for it.
   */
  run(sql: string, params: readonly unknown[], writes: boolean): Promise<StatementResult> {
    const worker = this.#worker;
    if (!worker || !this.#running) return Promise.reject(new Error('The long-work thread is not running.'));
    if (writes || this.#inTransaction) this.#gate.close();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, writes });
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ id, sql, params });
    });
  }

  #answer(answer: Answer): void {
    const pending = this.#pending.get(answer.id);
    if (!pending) return;
    this.#pending.delete(answer.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    this.#inTransaction = answer.inTransaction;
    if (!this.#inTransaction && ![...this.#pending.values()].some((p) => p.writes)) this.#gate.open();
    if (answer.error) pending.reject(rebuiltError(answer.error));
    else pending.resolve({ rows: answer.rows ?? [], changes: answer.changes, lastInsertRowid: answer.lastInsertRowid });
  }

  /** Closes the thread's connection (a transaction left open rolls back). */
  async stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#running = false;
    worker.ref();
    worker.postMessage('stop');
    await this.#exited;
  }
}
