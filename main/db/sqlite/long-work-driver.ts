// A Kysely database over the long-work thread (long-work-thread.ts): the services' long work
// builds the same queries, and each statement runs on the thread's connection. One connection,
// so one user at a time (a transaction holds it to its end), as Kysely's own SQLite driver does.
// If the thread cannot run, long work borrows the main connection instead, as it did before the
// thread: held by one user at a time, with a turn of the event loop after every statement.
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  CompiledQuery,
  Kysely,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Db } from '../dialect';
import type { LongWorkThread } from './long-work-thread';
import type { ThreadTurns } from './thread-turns';

/** Anything but a plain SELECT may write: the gate closes before it goes. */
function mayWrite(query: CompiledQuery): boolean {
  return !SelectQueryNode.is(query.query) && !/^\s*select\b/i.test(query.sql);
}

class LongWorkConnection implements DatabaseConnection {
  constructor(private readonly thread: LongWorkThread) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.thread.run(query.sql, query.parameters, mayWrite(query));
    if (result.changes === undefined) return { rows: result.rows as R[] };
    return {
      rows: [],
      numAffectedRows: BigInt(result.changes),
      insertId: result.lastInsertRowid === undefined ? undefined : BigInt(result.lastInsertRowid),
    };
  }

  /** The rows come whole from the thread, then in chunks (long work reads bounded ranges). */
  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(query);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

/** The main connection, held for one user of the long-work database (the thread cannot run). */
interface Borrowed {
  connection: DatabaseConnection;
  giveBack(): void;
}

/** Takes the main database's one connection until `giveBack`: its other users wait, as they do for a transaction. */
function borrow(main: Db): Promise<Borrowed> {
  return new Promise((resolve, reject) => {
    main
      .getExecutor()
      .provideConnection(
        (connection) =>
          new Promise<void>((giveBack) =>
            resolve({
              giveBack: () => giveBack(),
              connection: {
                async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
                  const result = await connection.executeQuery<R>(query);
                  await nextTurn();
                  return result;
                },
                streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
              },
            }),
          ),
      )
      .catch(reject);
  });
}

class LongWorkDriver implements Driver {
  readonly #connection: LongWorkConnection;
  readonly #borrowed = new Map<DatabaseConnection, Borrowed>();

  constructor(
    private readonly thread: LongWorkThread,
    private readonly main: Db,
    /** One user of the thread's connection at a time. */
    private readonly turns: ThreadTurns,
  ) {
    this.#connection = new LongWorkConnection(thread);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!(await this.thread.whenStarted()) || !this.thread.running) {
      const borrowed = await borrow(this.main);
      this.#borrowed.set(borrowed.connection, borrowed);
      return borrowed.connection;
    }
    await this.turns.take();
    return this.#connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const borrowed = this.#borrowed.get(connection);
    if (borrowed) {
      this.#borrowed.delete(connection);
      borrowed.giveBack();
      return;
    }
    this.turns.release();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  /** The thread belongs to the database handle, which stops it when it closes. */
  async destroy(): Promise<void> {}
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The Kysely database whose statements run on `thread` (or, when it cannot run, on `main`). */
export function longWorkDatabase(thread: LongWorkThread, main: Db, turns: ThreadTurns): Db {
  const dialect: Dialect = {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new LongWorkDriver(thread, main, turns),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
  return new Kysely({ dialect });
}
