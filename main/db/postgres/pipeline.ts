// PostgreSQL: a write transaction whose statements go to the server in batches, one write and
// one round trip per batch, instead of one round trip per statement. Kysely sends a statement and
// waits for its answer before the next; on a 2-core machine shared with the server, each round
// trip is two wake-ups and a socket write (the 8-worker dial path spent a third of its time in
// them). A dial result needs two: [BEGIN, read] and [writes, COMMIT].
//
// The pool runs in pg's pipeline mode (statements sent without waiting for the previous answer),
// which changes nothing for Kysely's one-at-a-time use. Each statement still has its own Sync: a
// failing one aborts the transaction, the ones behind it fail too, and a COMMIT behind it rolls
// back; the batch then rejects with the first error.
import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { statementNameOf } from './named-statements';

type RowsOf<Q extends readonly CompiledQuery<unknown>[]> = { [K in keyof Q]: Q[K] extends CompiledQuery<infer R> ? R[] : never };

export interface PipelinedTransaction {
  /** Sends the statements in one write (BEGIN ahead of the first batch); each one's rows, in order. */
  send<Q extends readonly CompiledQuery<any>[]>(...queries: Q): Promise<RowsOf<Q>>;
  /** The last batch: the statements and COMMIT in one write. Without it, the transaction rolls back. */
  commit<Q extends readonly CompiledQuery<any>[]>(...queries: Q): Promise<RowsOf<Q>>;
}

export type PipelinedTransactionRunner = <T>(fn: (tx: PipelinedTransaction) => Promise<T>) => Promise<T>;

const BEGIN = { text: 'begin' };
const COMMIT = { text: 'commit' };
const ROLLBACK = { text: 'rollback' };

type Statement = { text: string; values?: readonly unknown[] };

/** The socket under the client, which pg itself corks around the messages of one statement. */
function socketOf(client: pg.PoolClient): { cork?(): void; uncork?(): void } | undefined {
  return (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
}

async function sendBatch(client: pg.PoolClient, statements: readonly Statement[]): Promise<pg.QueryResult[]> {
  const socket = socketOf(client);
  socket?.cork?.();
  let answers: Promise<pg.QueryResult>[];
  try {
    answers = statements.map((s) => {
      const name = statementNameOf(s.text);
      const values = s.values ? [...s.values] : undefined;
      return client.query(name ? { name, text: s.text, values } : { text: s.text, values });
    });
  } finally {
    socket?.uncork?.();
  }
  const settled = await Promise.allSettled(answers);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<pg.QueryResult>).value);
}

const statementOf = (q: CompiledQuery<unknown>): Statement => ({ text: q.sql, values: q.parameters });

/** Runs `fn` as one write transaction on one connection of `pool` (a pool in pipeline mode). */
export function pipelinedTransactionRunner(pool: pg.Pool): PipelinedTransactionRunner {
  return async (fn) => {
    const client = await pool.connect();
    let begun = false;
    let ended = false;
    const batch = async (queries: readonly CompiledQuery<unknown>[], last: boolean) => {
      if (ended) throw new Error('pipelined transaction: already committed');
      const head = begun ? [] : [BEGIN];
      begun = true;
      ended = last;
      const results = await sendBatch(client, [...head, ...queries.map(statementOf), ...(last ? [COMMIT] : [])]);
      // Every error rejected above; a COMMIT that answers ROLLBACK would mean one went unseen.
      if (last && results[results.length - 1].command !== 'COMMIT') throw new Error('The transaction was rolled back.');
      return results.slice(head.length, head.length + queries.length).map((r) => r.rows);
    };
    const tx: PipelinedTransaction = {
      send: (...queries) => batch(queries, false) as never,
      commit: (...queries) => batch(queries, true) as never,
    };
    let broken = false;
    try {
      return await fn(tx);
    } finally {
      if (begun && !ended) {
        // Rolled back whether fn failed or returned without committing; a connection that cannot
        // even do that is dropped from the pool rather than handed out mid-transaction.
        await sendBatch(client, [ROLLBACK]).catch(() => (broken = true));
      }
      client.release(broken);
    }
  };
}
