// The background checkpointer's thread (started by wal-checkpointer.ts). Plain JavaScript on
// purpose: a worker thread does not inherit the TypeScript loader of the CLI or the test runner.
//
// A checkpoint copies committed WAL frames into the database file. Left to the writing
// connection, SQLite does it inside a commit every 1,000 pages: that commit then blocks the main
// thread for tens of milliseconds, and about two thirds of a dial result's commit time was its
// share of those checkpoints. Here they run on their own connection, beside the writer.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });
let timer = null;

function checkpoint() {
  try {
    // PASSIVE never waits for the writer: it copies what is committed and leaves the rest for
    // the next tick. (The WAL itself starts over when the writer's own backstop checkpoint finds
    // almost nothing left to copy: see wal-checkpointer.ts.)
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next tick tries again.
  }
  timer = setTimeout(checkpoint, intervalMs);
}

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
timer = setTimeout(checkpoint, intervalMs);
parentPort.postMessage('ready');
