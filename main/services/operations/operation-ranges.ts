// The recycle and the undo work through an operation's leads in id ranges of at most BATCH
// leads, one set-based statement per step and range: the values they copy are all in the
// database already, so no lead row travels to JavaScript and back. Every statement that joins
// leads with operation_leads bounds BOTH sides by the same range: without it, PostgreSQL hashed
// the whole leads table for each range.
import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Db, Dialect } from '../../db/dialect';
import type { Database } from '../../db/schema';

/** Leads per range: small enough that one SQLite statement blocks the process well under 50 ms. */
export const BATCH = 2000;

/** Lead ids `after < id <= last`. */
export interface IdRange {
  after: number;
  last: number;
}

/** Range ends read per statement: bounded work per statement, few statements per operation. */
const RANGES_PER_READ = 10;

/**
 * The operation's leads in consecutive ranges of BATCH (the last one shorter), in id order.
 * Each statement numbers the next RANGES_PER_READ × BATCH rows and keeps every BATCH-th id. Not
 * one `offset` look-up per range: right after the operation wrote its rows, PostgreSQL's
 * statistics still call operation_leads empty, and it sorted all the remaining rows for each.
 */
export async function* operationRanges(db: Db, operationId: string): AsyncGenerator<IdRange> {
  let after = 0;
  for (;;) {
    const ends = await fullRangeEnds(db, operationId, after);
    for (const last of ends) {
      yield { after, last };
      after = last;
    }
    if (ends.length < RANGES_PER_READ) break;
  }
  const last = await lastLeadAfter(db, operationId, after);
  if (last !== null) yield { after, last };
}

/** The ends of the next full ranges (BATCH rows each) after `after`. */
async function fullRangeEnds(db: Db, operationId: string, after: number): Promise<number[]> {
  const next = db
    .selectFrom('operation_leads')
    .select('lead_id')
    .where('operation_id', '=', operationId)
    .where('lead_id', '>', after)
    .orderBy('lead_id')
    .limit(BATCH * RANGES_PER_READ);
  const numbered = db
    .selectFrom(next.as('next'))
    .select((eb) => ['next.lead_id', eb.fn.agg<number>('row_number').over((over) => over.orderBy('next.lead_id')).as('n')]);
  const rows = await db
    .selectFrom(numbered.as('numbered'))
    .select('numbered.lead_id')
    .where((eb) => eb(eb('numbered.n', '%', BATCH), '=', 0))
    .orderBy('numbered.lead_id')
    .execute();
  return rows.map((r) => r.lead_id);
}

/** The operation's highest lead id above `after`, or null. */
export async function lastLeadAfter(db: Db, operationId: string, after: number): Promise<number | null> {
  const row = await db
    .selectFrom('operation_leads')
    .select((eb) => eb.fn.max('lead_id').as('last'))
    .where('operation_id', '=', operationId)
    .where('lead_id', '>', after)
    .executeTakeFirst();
  return row?.last == null ? null : Number(row.last);
}

/** The operation's rows in the range (a where-clause for a query over operation_leads). */
export function operationRowsIn(operationId: string, range: IdRange) {
  return (eb: ExpressionBuilder<Database, 'operation_leads'>) =>
    eb.and([
      eb('operation_leads.operation_id', '=', operationId),
      eb('operation_leads.lead_id', '>', range.after),
      eb('operation_leads.lead_id', '<=', range.last),
    ]);
}

/** Ids of the operation's leads in the range, for `leads.id in (…)`. */
export function operationLeadIds(db: Db, operationId: string, range: IdRange) {
  return db.selectFrom('operation_leads').select('operation_leads.lead_id').where(operationRowsIn(operationId, range));
}

/** A timestamp parameter typed for the column it goes to (PostgreSQL cannot infer it in a SELECT list). */
export function timestampValue(dialect: Dialect, iso: string): RawBuilder<string> {
  return sql<string>`cast(${iso} as ${sql.raw(dialect.timestampType)})`;
}

/** An integer parameter typed for the column it goes to. */
export function integerValue(n: number): RawBuilder<number> {
  return sql<number>`cast(${n} as integer)`;
}

/** A text parameter typed for the column it goes to. */
export function textValue(s: string | null): RawBuilder<string | null> {
  return sql<string | null>`cast(${s} as text)`;
}
