// The long-work thread (started by long-work-thread.ts): a second connection to the console's
// SQLite file that runs the statements of long operations (fix, recycle, undo, sync, import,
// explain) off the main thread. Plain JavaScript on purpose: a worker thread does not inherit the
// TypeScript loader of the CLI or the test runner.
//
// Each message is one statement; the answer says whether the connection is left inside a
// transaction, which the main thread needs to know when its own writes may go (write-gate.ts).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, readOnly, busyTimeoutMs, journalSizeLimit } = workerData;
/** Prepared statements by text, most recently used last (as the main connection's cache). */
const MAX_STATEMENTS = 256;
const statements = new Map();
let db;

function prepare(sqlText) {
  const hit = statements.get(sqlText);
  if (hit) {
    statements.delete(sqlText);
    statements.set(sqlText, hit);
    return hit;
  }
  const statement = db.prepare(sqlText);
  statements.set(sqlText, statement);
  if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value);
  return statement;
}

function run(sqlText, params) {
  const statement = prepare(sqlText);
  if (statement.reader) return { rows: statement.all(params) };
  const { changes, lastInsertRowid } = statement.run(params);
  return { rows: [], changes, lastInsertRowid };
}

try {
  db = new Database(file, { fileMustExist: true, readonly: readOnly });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('foreign_keys = ON');
  if (!readOnly) {
    // A writer beside the main connection needs WAL: with a rollback journal its commits would
    // lock the main connection's readers out.
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') throw new Error('the database is not in WAL mode');
    // The main connection's settings (open-sqlite.ts): they are per connection.
    db.pragma('synchronous = NORMAL');
    db.pragma(`journal_size_limit = ${journalSizeLimit}`);
    // Checkpoints are the checkpoint worker's (or, without it, the main connection's after its
    // own commits): one here would hold the write lock, which the main thread's writes wait for.
    db.pragma('wal_autocheckpoint = 0');
  }
} catch (error) {
  parentPort.postMessage({ failed: String(error?.message ?? error) });
  db?.close();
  parentPort.close();
}

if (db?.open) {
  parentPort.on('message', (message) => {
    if (message === 'stop') {
      db.close();
      parentPort.close();
      return;
    }
    const { id, sql: sqlText, params } = message;
    try {
      const result = run(sqlText, params);
      parentPort.postMessage({ id, ...result, inTransaction: db.inTransaction });
    } catch (error) {
      parentPort.postMessage({
        id,
        error: { message: String(error?.message ?? error), code: error?.code, name: error?.name },
        inTransaction: db.inTransaction,
      });
    }
  });
  parentPort.postMessage('ready');
}
