// Undo the last recycle or fix of a list (domain.md "Recycling a list"): allowed only while
// every lead it touched still has exactly the values it left (`operation_leads.new_*`). One
// write transaction: either every lead goes back, or none does.
import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { ConsoleError, InputError, notFound } from '../../../shared/errors';
import type { UndoableKind } from '../../../shared/types/operations';
import type { OperationResult, UndoableOperation } from '../../../shared/types/recycling';
import { writeTransaction, type Db, type Dialect } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { forLongWork } from '../../db/query/long-work';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { beginOperation, finishOperation, lastUndoableOperation, markUndone, readOperationForUpdate, type OperationRow } from '../operations/operation-log';
import { countOperationLeads } from '../operations/operation-leads';
import { operationRanges, operationRowsIn, textValue, timestampValue, type IdRange } from '../operations/operation-ranges';
import type { ProgressListener } from './recycle-list';
import { insertAuditRowsFrom } from '../leads/lead-repository';
import { removeImportedLeads } from '../imports/undo-import';

export async function lastUndoable(handle: DbHandle, listId: number): Promise<UndoableOperation | null> {
  const { db } = handle;
  const list = await db.selectFrom('lead_lists').select('id').where('id', '=', listId).executeTakeFirst();
  if (!list) throw notFound(`List ${listId}`);
  const op = await lastUndoableOperation(db, listId);
  if (!op) return null;
  // Hundreds of statements for a large operation: the event loop turns between them.
  const check = await checkUnchanged(forLongWork(handle), op.id);
  return {
    operation_id: op.id,
    kind: op.kind as UndoableKind,
    list_id: listId,
    started_at: op.started_at,
    changed: check.total,
    undoable: check.changed === 0,
    reason: check.changed === 0 ? null : changedMessage(check),
  };
}

interface Check {
  total: number;
  changed: number;
  example: string | null;
}

function changedMessage(check: Check): string {
  const some = check.changed === check.total ? 'all' : `${check.changed.toLocaleString('en-US')} of the ${check.total.toLocaleString('en-US')}`;
  return `${some} leads it changed have changed since${check.example ? ` (${check.example})` : ''}.`;
}

function sameTime(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return a === b || Date.parse(a) === Date.parse(b);
}

interface Joined {
  lead_id: number;
  old_status: string | null;
  new_status: string | null;
  old_dial_attempts: number;
  new_dial_attempts: number;
  new_attempts_reset_at: string | null;
  new_last_status_change: string | null;
  tracks_dialing: number;
  new_answered_count: number | null;
  new_last_dial_attempt: string | null;
  new_dial_result: string | null;
  cur_id: number | null;
  cur_status: string | null;
  cur_dial_attempts: number | null;
  cur_attempts_reset_at: string | null;
  cur_last_status_change: string | null;
  cur_answered_count: number | null;
  cur_last_dial_attempt: string | null;
  cur_dial_result: string | null;
}

function differs(r: Joined): string | null {
  if (r.cur_id === null) return `lead ${r.lead_id} was deleted`;
  if (r.cur_status !== r.new_status) return `lead ${r.lead_id} is now ${r.cur_status === null ? 'NULL' : `"${r.cur_status}"`}`;
  if (Number(r.cur_dial_attempts) !== Number(r.new_dial_attempts)) return `lead ${r.lead_id} was dialed since`;
  if (!sameTime(r.cur_attempts_reset_at, r.new_attempts_reset_at) || !sameTime(r.cur_last_status_change, r.new_last_status_change)) {
    return `lead ${r.lead_id} changed status since`;
  }
  if (
    Number(r.tracks_dialing) === 1 &&
    (Number(r.cur_answered_count) !== Number(r.new_answered_count) ||
      !sameTime(r.cur_last_dial_attempt, r.new_last_dial_attempt) ||
      r.cur_dial_result !== r.new_dial_result)
  ) {
    return `lead ${r.lead_id} was dialed since`;
  }
  return null;
}

/**
 * The lead may differ from what the operation left: a compared column is not identical. Identical
 * values are certainly unchanged; `differs` decides for the others (a time written in another
 * format is the same time).
 */
function mayDiffer(eb: ExpressionBuilder<Database, 'operation_leads' | 'leads'>): Expression<SqlBool> {
  return eb.or([
    eb('leads.status', 'is distinct from', eb.ref('operation_leads.new_status')),
    eb('leads.dial_attempts', '<>', eb.ref('operation_leads.new_dial_attempts')),
    eb('leads.attempts_reset_at', 'is distinct from', eb.ref('operation_leads.new_attempts_reset_at')),
    eb('leads.last_status_change', 'is distinct from', eb.ref('operation_leads.new_last_status_change')),
    eb.and([
      eb('operation_leads.tracks_dialing', '=', 1),
      eb.or([
        eb('leads.answered_count', 'is distinct from', eb.ref('operation_leads.new_answered_count')),
        eb('leads.last_dial_attempt', 'is distinct from', eb.ref('operation_leads.new_last_dial_attempt')),
        eb('leads.dial_result', 'is distinct from', eb.ref('operation_leads.new_dial_result')),
      ]),
    ]),
  ]);
}

/** The operation's rows of the range whose lead was deleted or may differ, with the lead's values. */
function changedCandidates(db: Db, operationId: string, range: IdRange) {
  return db
    .selectFrom('operation_leads')
    .leftJoin('leads', (join) =>
      join.onRef('leads.id', '=', 'operation_leads.lead_id').on('leads.id', '>', range.after).on('leads.id', '<=', range.last),
    )
    .select([
      'operation_leads.lead_id',
      'operation_leads.old_status',
      'operation_leads.new_status',
      'operation_leads.old_dial_attempts',
      'operation_leads.new_dial_attempts',
      'operation_leads.new_attempts_reset_at',
      'operation_leads.new_last_status_change',
      'operation_leads.tracks_dialing',
      'operation_leads.new_answered_count',
      'operation_leads.new_last_dial_attempt',
      'operation_leads.new_dial_result',
      'leads.id as cur_id',
      'leads.status as cur_status',
      'leads.dial_attempts as cur_dial_attempts',
      'leads.attempts_reset_at as cur_attempts_reset_at',
      'leads.last_status_change as cur_last_status_change',
      'leads.answered_count as cur_answered_count',
      'leads.last_dial_attempt as cur_last_dial_attempt',
      'leads.dial_result as cur_dial_result',
    ])
    .where(operationRowsIn(operationId, range))
    .where((eb) => eb.or([eb('leads.id', 'is', null), mayDiffer(eb)]))
    .orderBy('operation_leads.lead_id')
    .execute() as Promise<Joined[]>;
}

/** Counts the rows that changed since, keeping the first reason as an example. */
function tallyDifferences(check: Check, rows: readonly Joined[]): void {
  for (const r of rows) {
    const why = differs(r);
    if (why) {
      check.changed += 1;
      check.example ??= why;
    }
  }
}

async function checkUnchanged(db: Db, operationId: string): Promise<Check> {
  const check: Check = { total: await countOperationLeads(db, operationId), changed: 0, example: null };
  for await (const range of operationRanges(db, operationId)) await checkRange(db, operationId, range, check);
  return check;
}

/**
 * Compares the operation's leads of the range with what it left, adding to `check`. One
 * aggregate answers whether any lead of the range was deleted or differs; only then are the
 * candidate rows read. With `lock`, the undo's dialect in its transaction, the leads are locked
 * (where the database has row locks) as they are compared, so that no call can slip in between the comparison and the restore:
 * each lead is locked before it is compared and stays locked until the commit.
 */
async function checkRange(db: Db, operationId: string, range: IdRange, check: Check, lock?: Dialect): Promise<void> {
  let current = db
    .selectFrom('operation_leads')
    .innerJoin('leads', 'leads.id', 'operation_leads.lead_id')
    .select((eb) => eb.case().when(mayDiffer(eb)).then(eb.lit(1)).else(eb.lit(0)).end().as('differs'))
    .where(operationRowsIn(operationId, range))
    .where('leads.id', '>', range.after)
    .where('leads.id', '<=', range.last);
  if (lock) current = lock.forUpdate(current, ['leads']);
  const summary = await db
    .selectFrom(current.as('current'))
    .select((eb) => [
      eb.fn.countAll<number>().as('present'),
      eb.fn.sum<number | null>('current.differs').as('differing'),
      eb.selectFrom('operation_leads').select((sub) => sub.fn.countAll<number>().as('n')).where(operationRowsIn(operationId, range)).as('recorded'),
    ])
    .executeTakeFirstOrThrow();
  if (Number(summary.differing ?? 0) === 0 && Number(summary.present) === Number(summary.recorded)) return;
  tallyDifferences(check, await changedCandidates(db, operationId, range));
}

/** One statement per range: every lead of the range takes back its own old values. Returns how many. */
async function restoreRange(trx: Db, operationId: string, range: IdRange): Promise<number> {
  const result = await trx
    .updateTable('leads')
    .from('operation_leads')
    .set((eb) => ({
      status: eb.ref('operation_leads.old_status'),
      // A fix's dial tracking (attempts, answered count, last dial, dial result) was rebuilt from
      // calls that really happened and that it marked applied: undoing the fix takes back its
      // decision (status and status time) but never un-counts a call. A recycle's reset is
      // undone whole.
      dial_attempts: sql<number>`case when operation_leads.tracks_dialing = 1 then leads.dial_attempts else operation_leads.old_dial_attempts end`,
      attempts_reset_at: eb.ref('operation_leads.old_attempts_reset_at'),
      last_status_change: eb.ref('operation_leads.old_last_status_change'),
    }))
    .whereRef('operation_leads.lead_id', '=', 'leads.id')
    .where(operationRowsIn(operationId, range))
    .where('leads.id', '>', range.after)
    .where('leads.id', '<=', range.last)
    .where(notLeftAtDnc)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** dnc is absorbing: a lead the operation left at dnc (a fix that applied a DNC call) stays there. */
function notLeftAtDnc(eb: ExpressionBuilder<Database, 'operation_leads'>) {
  return eb.or([eb('operation_leads.new_status', 'is', null), eb('operation_leads.new_status', '!=', 'dnc')]);
}

/** One audit row per restored lead of the range whose status comes back. */
async function auditRange(trx: Db, dialect: Dialect, op: OperationRow, undoId: string, nowIso: string, range: IdRange): Promise<void> {
  const rows = trx
    .selectFrom('operation_leads')
    .select([
      'operation_leads.lead_id',
      'operation_leads.new_status as old_status',
      'operation_leads.old_status as new_status',
      textValue('undo').as('source'),
      textValue(undoId).as('operation_id'),
      textValue(`undo of ${op.kind} ${op.id}`).as('reason'),
      timestampValue(dialect, nowIso).as('created_at'),
    ])
    .where(operationRowsIn(op.id, range))
    .whereRef('operation_leads.old_status', 'is distinct from', 'operation_leads.new_status')
    .where(notLeftAtDnc)
    .orderBy('operation_leads.lead_id');
  await insertAuditRowsFrom(trx, rows);
}

export async function undoOperation(handle: DbHandle, clock: Clock, operationId: string, onProgress?: ProgressListener): Promise<OperationResult> {
  const { dialect } = handle;
  const undoId = randomUUID();
  const nowIso = clock().toISOString();
  return writeTransaction(forLongWork(handle), dialect, async (trx) => {
    const op = await readOperationForUpdate(trx, dialect, operationId);
    if (!op) throw notFound(`Operation ${operationId}`);
    if (op.kind !== 'fix' && op.kind !== 'recycle' && op.kind !== 'import') {
      throw new InputError(`Only a recycle, a fix or an import can be undone; ${operationId} is a ${op.kind}.`);
    }
    if (op.state === 'undone') throw new ConsoleError('conflict', 'This operation has already been undone.');
    if (op.state === 'running') throw new ConsoleError('conflict', 'This operation is still running.');
    // An import is undone by its own rule (never-dialed leads only), whatever came after it.
    if (op.kind === 'import') {
      const { removed, kept } = await removeImportedLeads(trx, dialect, op, undoId, nowIso, onProgress);
      await recordUndo(trx, op, undoId, nowIso, clock, { changed: removed, kept });
      return { operation_id: undoId, kind: 'undo', changed: removed, kept, list_id: op.list_id };
    }
    if (op.list_id !== null) {
      const latest = await lastUndoableOperation(trx, op.list_id);
      if (latest && latest.id !== op.id) {
        throw new ConsoleError('conflict', `A later ${latest.kind} of this list (${latest.id}) must be undone first. Nothing was changed.`);
      }
    }
    const check: Check = { total: await countOperationLeads(trx, operationId), changed: 0, example: null };
    onProgress?.({ phase: 'undoing', done: 0, total: check.total });
    // One pass: each range is locked, compared, then restored. At the first lead that
    // changed since, writing stops (the transaction will roll back) and the pass only counts, for
    // the message.
    let done = 0;
    for await (const range of operationRanges(trx, operationId)) {
      await checkRange(trx, operationId, range, check, dialect);
      if (check.changed === 0) {
        done += await restoreRange(trx, operationId, range);
        await auditRange(trx, dialect, op, undoId, nowIso, range);
        onProgress?.({ phase: 'undoing', done, total: Math.max(check.total, done) });
      }
    }
    if (check.changed > 0) throw new ConsoleError('conflict', `Cannot undo: ${changedMessage(check)} Nothing was changed.`);
    await recordUndo(trx, op, undoId, nowIso, clock, { changed: done });
    return { operation_id: undoId, kind: 'undo', changed: done, list_id: op.list_id };
  });
}

/** Marks the operation undone and records the undo as an operation of its own. */
async function recordUndo(trx: Db, op: OperationRow, undoId: string, nowIso: string, clock: Clock, summary: object): Promise<void> {
  await markUndone(trx, op.id);
  await beginOperation(trx, { id: undoId, kind: 'undo', listId: op.list_id, campaignId: null, params: { undoes: op.id }, undoes: op.id, startedAt: nowIso });
  await finishOperation(trx, undoId, summary, clock().toISOString());
}
