// Kysely builds and compiles a query on every call: about 40 µs, three times what SQLite takes to
// run a small statement by primary key. A dial result runs the same handful of small statements
// for every call, so those are built and compiled once per dialect and run with new values (the
// SQLite driver then also finds its prepared statement in the statement cache).
import type { CompiledQuery, Compilable, QueryResult, RawBuilder } from 'kysely';
import type { Db, Dialect, DialectName } from '../dialect';
import { nameStatement } from '../postgres/named-statements';

const SLOT = Symbol('prepared-query slot');

interface Slot {
  readonly [SLOT]: string;
}

function isSlot(value: unknown): value is Slot {
  return typeof value === 'object' && value !== null && SLOT in value;
}

/** Stands for the named argument where a value goes; typed as the argument so builders accept it. */
export type ArgOf<Args> = <K extends keyof Args & string>(name: K) => Args[K];

/** A raw `sql` query compiles against a database; a query builder carries its own. */
export function compileQuery<Row>(db: Db, built: Compilable<Row> | RawBuilder<Row>): CompiledQuery<Row> {
  return 'isRawBuilder' in built ? built.compile(db) : built.compile();
}

/** A placeholder for the argument `name`, to build a query with (see bindArgs). */
export function argSlot<T>(name: string): T {
  return { [SLOT]: name } as T;
}

/** A compiled query's parameters with each argSlot replaced by its argument. */
export function bindArgs(parameters: readonly unknown[], args: object): unknown[] {
  return parameters.map((p) => {
    if (!isSlot(p)) return p;
    const value = (args as Record<string, unknown>)[p[SLOT]];
    // undefined would bind as NULL on PostgreSQL and fail on SQLite: say which one is missing.
    if (value === undefined) throw new Error(`prepared query: no argument ${p[SLOT]}`);
    return value;
  });
}

export interface PreparedQuery<Args extends object, Row> {
  /** Runs the compiled query with these arguments. */
  (db: Db, dialect: Dialect, args: Args): Promise<QueryResult<Row>>;
  /** The compiled query with these arguments, for a caller that sends it itself (postgres/pipeline.ts). */
  bind(db: Db, dialect: Dialect, args: Args): CompiledQuery<Row>;
}

/**
 * `build` is called once per dialect with placeholders for the arguments; every call of the
 * returned function runs that compiled query with the given arguments in their places.
 * Only for queries whose shape never changes (no lists of varying length).
 */
export function preparedQuery<Args extends object, Row>(build: (db: Db, arg: ArgOf<Args>, dialect: Dialect) => Compilable<Row> | RawBuilder<Row>): PreparedQuery<Args, Row> {
  const compiled = new Map<DialectName, CompiledQuery<Row>>();
  const bind = (db: Db, dialect: Dialect, args: Args): CompiledQuery<Row> => {
    let query = compiled.get(dialect.name);
    if (!query) {
      query = compileQuery(db, build(db, argSlot, dialect));
      if (dialect.name === 'postgres') nameStatement(query.sql);
      compiled.set(dialect.name, query);
    }
    return { ...query, parameters: bindArgs(query.parameters, args) };
  };
  const run = async (db: Db, dialect: Dialect, args: Args) => db.executeQuery<Row>(bind(db, dialect, args));
  return Object.assign(run, { bind });
}
