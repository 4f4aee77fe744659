// PostgreSQL parses and plans an unnamed statement on every execution. The dial path's statements
// (prepared-query.ts) run for every call with the same text, and their CTEs cost more to plan
// than to run: sent as named statements, each connection parses one once, and PostgreSQL keeps
// a plan for it. Kysely sends everything unnamed, so the pool it gets names the registered texts.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

const names = new Map<string, string>();

/** From now on, this statement text is sent as a named (server-side prepared) statement. */
export function nameStatement(sqlText: string): void {
  if (!names.has(sqlText)) names.set(sqlText, `lead_console_${names.size + 1}`);
}

/** The name this text goes out under, if it has one. */
export function statementNameOf(sqlText: string): string | undefined {
  return names.get(sqlText);
}

/** Texts built at run time (from a campaign's settings) that recur; bounded, as each is kept on every connection. */
const MAX_RECURRING = 100;
let recurring = 0;

/**
 * Names a statement built at run time whose text recurs call after call (the dropped re-queue of
 * one lead in one campaign), until MAX_RECURRING such texts have been named.
 */
export function nameRecurringStatement(sqlText: string): void {
  if (names.has(sqlText) || recurring >= MAX_RECURRING) return;
  recurring += 1;
  nameStatement(sqlText);
}

/** The pool Kysely uses: the same connections, whose registered statements go out named. */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  // One wrapper per connection, so Kysely keeps recognising a connection it has seen.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        const query = (text: unknown, values?: readonly unknown[]) => {
          const name = typeof text === 'string' ? statementNameOf(text) : undefined;
          if (name) return client.query({ name, text: text as string, values: values as unknown[] });
          return (client.query as (t: unknown, v?: unknown) => unknown)(text, values);
        };
        wrapper = { query: query as PostgresPoolClient['query'], release: (destroy?: boolean) => client.release(destroy) };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
