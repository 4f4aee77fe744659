// better-sqlite3 answers synchronously, so a fix or a recycle over a million leads, awaited
// statement after statement, would run as one unbroken block of the event loop: the window
// (or the browser-mode server) would freeze until it ended. For long work on SQLite the
// services use this handle, which lets the event loop turn after every statement; the longest
// block is then one statement. PostgreSQL answers over a socket, so it needs nothing.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Db, Dialect } from '../dialect';

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

/** The database to run long work on: on SQLite it yields to the event loop after each statement. */
export function forLongWork(handle: { db: Db; dialect: Dialect }): Db {
  return handle.dialect.name === 'sqlite' ? handle.db.withPlugin(YIELD) : handle.db;
}
