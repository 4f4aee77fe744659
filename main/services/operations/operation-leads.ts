// The leads an operation changed, with their values before and after (`operation_leads`): what
// an undo puts back and what it compares first. Rows come from JavaScript or straight from a
// SELECT in the database (a recycle copies the leads, a fix its scratch plan).
import type { Expression, Insertable, SelectQueryBuilder } from 'kysely';
import type { Db, Dialect } from '../../db/dialect';
import { bulkInsert } from '../../db/query/bulk-insert';
import type { Database, OperationLeadsTable } from '../../db/schema';

export type OperationLeadInsert = Insertable<OperationLeadsTable>;

/** The columns every recorded lead gives; the dialing ones (a fix's) are optional. */
const CORE_COLUMNS = [
  'operation_id',
  'lead_id',
  'old_status',
  'new_status',
  'old_dial_attempts',
  'new_dial_attempts',
  'old_attempts_reset_at',
  'new_attempts_reset_at',
  'old_last_status_change',
  'new_last_status_change',
] as const;

/** Records leads the operation changes, in as few statements as the dialect allows. */
export async function recordOperationLeads(db: Db, dialect: Dialect, rows: readonly OperationLeadInsert[]): Promise<void> {
  await bulkInsert(db, dialect, 'operation_leads', rows as readonly Record<string, unknown>[]);
}

/**
 * Records the rows a SELECT gives, in the order of CORE_COLUMNS, without them leaving the
 * database. Returns how many.
 */
export async function recordOperationLeadsFrom(db: Db, rows: SelectQueryBuilder<Database, any, any>): Promise<number> {
  const result = await db.insertInto('operation_leads').columns(CORE_COLUMNS).expression(rows).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The columns of a fix's rows: CORE_COLUMNS, then the dialing ones. */
const FIX_COLUMNS = [
  ...CORE_COLUMNS,
  'tracks_dialing',
  'old_answered_count',
  'new_answered_count',
  'old_last_dial_attempt',
  'new_last_dial_attempt',
  'old_dial_result',
  'new_dial_result',
] as const;

/**
 * Records a fix's leads from a SELECT over the database (the set-based fix, problem leads planned
 * in a scratch table): `rows` gives FIX_COLUMNS in that order. Returns how many.
 */
export async function recordFixedLeadsFrom(db: Db, rows: Expression<unknown>): Promise<number> {
  const result = await db.insertInto('operation_leads').columns(FIX_COLUMNS).expression(rows).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** How many leads the operation recorded. */
export async function countOperationLeads(db: Db, operationId: string): Promise<number> {
  const row = await db
    .selectFrom('operation_leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('operation_id', '=', operationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
