// While the long-work thread holds SQLite's write lock (a recycle's transaction, a fix's range), a
// write on the main connection would wait for it inside SQLite's busy handler, which sleeps on the
// calling thread: the console would freeze for the rest of the transaction. The gate makes the
// main connection's writes wait for it asynchronously instead; its reads go on (WAL: they read
// the last committed state). The long-work thread closes the gate before it sends a statement that
// may write and opens it when it is out of its transaction again (long-work-thread.ts).
import { SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver, type QueryCompiler, type QueryResult, type SqliteDialectConfig, type TransactionSettings } from 'kysely';

export class WriteGate {
  #closed = false;
  #waiters: (() => void)[] = [];

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
  }

  open(): void {
    this.#closed = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  whenOpen(): Promise<void> {
    return this.#closed ? new Promise((resolve) => this.#waiters.push(resolve)) : Promise.resolve();
  }
}

/** What the gate asks of the main connection: is it inside its own transaction, does `sql` write. */
export interface MainConnectionState {
  inTransaction(): boolean;
  writes(sql: string): boolean;
}

/**
 * Kysely's SQLite dialect whose statements wait at the gate when they would write and the main
 * connection is not already inside a transaction of its own (that one holds the lock already, or
 * began before the long-work thread asked for it, which then waits for it on its own thread).
 * While the gate is open a statement costs one boolean test more.
 */
export class GatedSqliteDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private readonly gate: WriteGate,
    private readonly state: MainConnectionState,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new GatedDriver(super.createDriver(), this.gate, this.state);
  }
}

class GatedDriver implements Driver {
  readonly #gated = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly gate: WriteGate,
    private readonly state: MainConnectionState,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let gated = this.#gated.get(connection);
    if (!gated) {
      gated = this.#gate(connection);
      this.#gated.set(connection, gated);
    }
    return gated;
  }

  #gate(connection: DatabaseConnection): DatabaseConnection {
    const { gate, state } = this;
    const mustWait = (sql: string) => gate.closed && !state.inTransaction() && state.writes(sql);
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        while (mustWait(query.sql)) await gate.whenOpen();
        return connection.executeQuery<R>(query);
      },
      streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
        return connection.streamQuery<R>(query, chunkSize);
      },
    };
  }

  // Kysely's SQLite driver runs these as statements on the connection it is handed: the gated one.
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.savepoint!(connection, name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.rollbackToSavepoint!(connection, name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.releaseSavepoint!(connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
