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

const { file, intervalMs, backstopFrames } = workerData;
const db = new Database(file, { fileMustExist: true });
// Flushes the pages this thread copied into the database file (see below). Read-only is enough:
// fsync works on the file, whichever descriptor asks.
const dbFile = fs.openSync(file, 'r');
let timer = null;

function checkpoint() {
  let delay = intervalMs;
  try {
    // PASSIVE never waits for the writer: it copies what is committed and leaves the rest for
    // the next tick. (The WAL itself starts over when the writer's own backstop checkpoint finds
    // almost nothing left to copy: see wal-checkpointer.ts.)
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    // SQLite syncs the database file only after a pass that caught up with the writer, which a
    // busy writer never lets happen: the copied pages then wait, dirty, for the writer's backstop
    // checkpoint, whose sync in the middle of a commit had to flush all of them (100-150 ms of
    // blocked main thread at a million leads). Flushed here, that sync finds little left to do.
    if (result.checkpointed > 0) fs.fdatasyncSync(dbFile);
    // Near the backstop, passes follow each other: the writer's checkpoint then has only the
    // last pass's worth of frames left to copy.
    if (result.log >= backstopFrames * 0.8) delay = 0;
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
