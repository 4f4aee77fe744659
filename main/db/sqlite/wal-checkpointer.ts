// Runs SQLite's WAL checkpoints on a worker thread (wal-checkpointer-worker.mjs) instead of inside
// the commits of the main thread. Until the worker is running, and again if it ever fails, the
// connection keeps checkpointing itself as SQLite does by default: the worker is a speed-up,
// never a condition for correctness (a checkpoint is safe to interrupt or to skip).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** SQLite's own default: the writer checkpoints after a commit once the WAL holds this many pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
/**
 * While the worker runs, it starts the WAL over once it holds this many pages (~160 MB) and every
 * one of them is copied (wal-checkpointer-worker.mjs): SQLite itself does it only when a writer
 * begins with every frame copied, which a steady stream of writes rarely lets happen. Fewer
 * pages mean more restarts, and each makes the writer wait for the lock (docs/performance.md).
 */
export const RESTART_FRAMES = 40_000;
/**
 * While the worker runs, the writer still checkpoints in its own commit once the WAL holds this
 * many pages (~1 GB): a last resort, never reached while the worker keeps up. It was 40,000 pages,
 * which a single transaction can pass by itself (a large undo): its commit then copied every
 * one of its pages in line, blocking the main thread; a lower backstop costs the dial stream
 * throughput (docs/performance.md).
 */
const BACKSTOP_AUTOCHECKPOINT = 250_000;
/**
 * While the worker runs, the WAL file keeps up to 192 MB (the restart's 40,000 pages and their
 * headers, with room to spare) when it starts over instead of being cut back to 64 MB each time:
 * growing it again cost every commit (docs/performance.md, "The WAL file keeps its size"). It goes
 * when the console closes.
 */
export const BACKSTOP_JOURNAL_LIMIT = 192 * 1024 * 1024;
/** What open-sqlite.ts sets, and what the connection returns to when it checkpoints alone. */
export const OWN_JOURNAL_LIMIT = 64 * 1024 * 1024;
const INTERVAL_MS = 50;

/** Beside this module (or the main bundle); in a packaged app, unpacked from the asar archive. */
function workerFile(): string {
  const file = fileURLToPath(new URL('./wal-checkpointer-worker.mjs', import.meta.url));
  return file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

export interface WalCheckpointer {
  /** The worker is checkpointing (false before it started and after a failure). */
  readonly running: boolean;
  /**
   * Settles when the worker has started checkpointing or has failed to (true: it runs). The
   * process stays alive while it waits (the worker itself never keeps it alive).
   */
  whenStarted(): Promise<boolean>;
  /** Times the worker has started the WAL over (wal-checkpointer-worker.mjs). */
  readonly restarts: number;
  stop(): Promise<void>;
}

export function startWalCheckpointer(raw: BetterSqlite3.Database, file: string, options: { restartFrames?: number } = {}): WalCheckpointer {
  let running = false;
  const ownCheckpoints = () => {
    running = false;
    if (!raw.open) return;
    raw.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    raw.pragma(`journal_size_limit = ${OWN_JOURNAL_LIMIT}`);
  };
  let worker: Worker;
  try {
    worker = new Worker(workerFile(), {
      workerData: { file: path.resolve(file), intervalMs: INTERVAL_MS, restartFrames: options.restartFrames ?? RESTART_FRAMES },
    });
  } catch {
    return { running: false, restarts: 0, whenStarted: async () => false, stop: async () => undefined };
  }
  let stopping = false;
  let settleStarted: (ok: boolean) => void = () => undefined;
  const started = new Promise<boolean>((resolve) => (settleStarted = resolve));
  let restarts = 0;
  worker.on('message', (message) => {
    if (message === 'restarted') restarts += 1;
    if (message === 'ready' && raw.open) {
      running = true;
      raw.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT}`);
      raw.pragma(`journal_size_limit = ${BACKSTOP_JOURNAL_LIMIT}`);
      settleStarted(true);
    }
  });
  worker.on('error', () => {
    ownCheckpoints();
    settleStarted(false);
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      ownCheckpoints();
      settleStarted(false);
      resolve();
    }),
  );
  // The checkpointer never keeps a process alive. After the listeners: adding a 'message'
  // listener to an unref'd worker refs it again.
  worker.unref();
  return {
    async stop() {
      // Asked, not terminated: a checkpoint under way finishes and the worker closes its connection.
      // Referenced again so that the process waits for that (an unref'd worker's exit never comes
      // to a process with nothing else to do).
      stopping = true;
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
    get running() {
      return running;
    },
    get restarts() {
      return restarts;
    },
    async whenStarted() {
      worker.ref();
      try {
        return await started;
      } finally {
        if (!stopping) worker.unref();
      }
    },
  };
}
