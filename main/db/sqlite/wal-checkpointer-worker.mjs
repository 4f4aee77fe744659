// The background checkpointer's thread (started by wal-checkpointer.ts). Plain JavaScript on
// purpose: a worker thread does not inherit the TypeScript loader of the CLI or the test runner.
//
// A checkpoint copies committed WAL frames into the database file. Left to the writing
// connection, SQLite does it inside a commit every 1,000 pages: that commit then blocks the main
// thread for tens of milliseconds, and about two thirds of a dial result's commit time was its
// share of those checkpoints. Here they run on their own connection, beside the writer.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs, restartFrames } = workerData;
const db = new Database(file, { fileMustExist: true });
// A RESTART waits this long at most for the writer's transaction to end (and for readers to leave
// the WAL): longer, and it would hold the write lock the main thread is waiting for.
db.pragma('busy_timeout = 5');
// Flushes the pages this thread copied into the database file (see below). Read-only is enough:
// fsync works on the file, whichever descriptor asks.
const dbFile = fs.openSync(file, 'r');
/**
 * After a RESTART that found the writer busy. Sooner, the passes and their syncs compete with the
 * writer for the disk (passes every millisecond cost a fifth of the dial throughput).
 */
const RESTART_RETRY_MS = 5;
let timer = null;
/** The copied-frame count at the last sync: a pass that changed it copied something new. */
let flushed = 0;
/** The WAL's frame count when a RESTART last succeeded: until a writer begins, nothing to redo. */
let restartedAt = -1;

function checkpoint() {
  let delay = intervalMs;
  try {
    // PASSIVE never waits for the writer: it copies what is committed and leaves the rest for
    // the next tick.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    // SQLite syncs the database file only after a pass that caught up with the writer, which a
    // busy writer never lets happen: the copied pages would wait, dirty, for a checkpoint whose
    // sync in the middle of a commit had to flush all of them (100-150 ms of blocked main thread
    // at a million leads).
    if (result.checkpointed > 0 && result.checkpointed !== flushed) {
      fs.fdatasyncSync(dbFile);
      flushed = result.checkpointed;
    }
    // SQLite starts the WAL over only when a writer begins with every frame copied, which a
    // steady stream of writes (a dialer reporting calls) rarely lets happen. Once every frame is
    // copied, RESTART makes it happen: it takes the write lock between two of the writer's
    // transactions, has nothing left to copy, and waits for readers to leave the WAL, so the next
    // transaction writes from the start of the file. The main thread waits for the lock a
    // millisecond or two; copying in its own commit, as SQLite's in-line checkpoint did, cost it
    // 24–45 ms every 40,000 pages under a stream of dial results, and 270 ms in the commit of one
    // transaction larger than that (an undo of 250,000 leads).
    if (result.log >= restartFrames && result.log !== restartedAt && result.checkpointed === result.log) {
      const [restart] = db.pragma('wal_checkpoint(RESTART)');
      if (restart.busy === 0) {
        restartedAt = restart.log;
        parentPort.postMessage('restarted');
      } else {
        // The writer (or a reader) was there first: soon again, not at once.
        delay = RESTART_RETRY_MS;
      }
    }
  } catch {
    // Busy or locked: the next tick tries again.
  }
  timer = setTimeout(checkpoint, delay);
}

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  fs.closeSync(dbFile);
  parentPort.close();
});
timer = setTimeout(checkpoint, intervalMs);
parentPort.postMessage('ready');
