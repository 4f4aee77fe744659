// better-sqlite3 answers synchronously, so a fix or a recycle over a million leads, awaited
// statement after statement, would run as one unbroken block of the event loop: the window
// (or the browser-mode server) would freeze until it ended. Long work on SQLite therefore runs on
// the long-work thread (sqlite/long-work-thread.ts), whose connection answers over a message port:
// nothing of it runs on the main thread but building the queries and reading their answers. Until
// that thread runs (or if it failed), long work falls back to the main connection with a turn of
// the event loop after every statement, so that the longest block is one statement. PostgreSQL
// answers over a socket, so it needs neither.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Db, Dialect } from '../dialect';
import { longWorkDbOf, type LongWorkLane } from '../sqlite/open-sqlite';

class YieldAfterEachStatement implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await nextTurn();
    return args.result;
  }
}

const YIELD = new YieldAfterEachStatement();

/**
 * The database to run long work on: on SQLite the long-work thread's (or, without it, the main
 * connection yielding to the event loop after each statement); on PostgreSQL the handle's own.
 */
export function forLongWork(handle: { db: Db; dialect: Dialect }, lane: LongWorkLane = 'background'): Db {
  if (handle.dialect.name !== 'sqlite') return handle.db;
  return longWorkDbOf(handle.db, lane) ?? handle.db.withPlugin(YIELD);
}

/**
 * For a read a screen is waiting on (an explain, hopper stats, a report): on SQLite the asked
 * lane's thread, which background work never holds (sqlite/open-sqlite.ts).
 */
export const forAskedRead = (handle: { db: Db; dialect: Dialect }): Db => forLongWork(handle, 'asked');

/**
 * For a read that is short at most sizes (a list's breakdown: 20–35 ms at a million leads, 390 ms
 * at ten million): the asked lane where it runs already (a console starts it as it opens a
 * database), else the main connection. A CLI run has no window to keep free, and starting the
 * lane's thread cost `breakdown` on the demo 100 ms of its 370.
 */
export function forShortAskedRead(handle: { db: Db; dialect: Dialect }): Db {
  return (handle.dialect.name === 'sqlite' && longWorkDbOf(handle.db, 'asked', false)) || handle.db;
}

/**
 * An asked-for read of many statements (an explain, a dialable count: one per list, then a few
 * more) on one turn of the asked lane's connection, held from the first statement to the last
 * without a transaction: two screens' reads take turns as wholes, not statement by statement.
 */
export function inAskedTurn<T>(handle: { db: Db; dialect: Dialect }, read: (db: Db) => Promise<T>): Promise<T> {
  return forAskedRead(handle).connection().execute(read);
}

/**
 * The main connection for reads cut into short statements that run beside long work on the
 * thread: on SQLite it gives the event loop a turn after each statement (each is one block of
 * the main thread, so each must stay short); on PostgreSQL the handle's own pool.
 */
export function inShortTurns(handle: { db: Db; dialect: Dialect }): Db {
  return handle.dialect.name === 'sqlite' ? handle.db.withPlugin(YIELD) : handle.db;
}
