// Undo the last recycle or fix of a list (domain.md "Recycling a list"): allowed only while
// every lead it touched still has exactly the values it left (`operation_leads.new_*`). One
// write transaction: either every lead goes back, or none does.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ConsoleError, InputError, notFound } from '../../../shared/errors';
import type { OperationResult, UndoableOperation } from '../../../shared/types/recycling';
import { writeTransaction, type Db } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { insertAuditRows, yieldToEventLoop, type AuditInsert } from '../status/lead-repository';
import type { ProgressListener } from './recycle-list';

const BATCH = 2000;
const UNDOABLE_KINDS = ['fix', 'recycle'] as const;
const FINISHED = ['done', 'failed'] as const;

interface OperationRow {
  id: string;
  kind: 'fix' | 'recycle' | 'reconcile' | 'undo';
  list_id: number | null;
  state: string;
  started_at: string;
}

/** Operations of a list that changed at least one lead, newest first. */
function undoableOperations(db: Db, listId: number) {
  return db
    .selectFrom('operations')
    .select(['id', 'kind', 'list_id', 'state', 'started_at'])
    .where('list_id', '=', listId)
    .where('kind', 'in', UNDOABLE_KINDS)
    .where('state', 'in', FINISHED)
    .where(({ exists, selectFrom }) => exists(selectFrom('operation_leads').select('lead_id').whereRef('operation_leads.operation_id', '=', 'operations.id')))
    .orderBy('started_at', 'desc')
    .orderBy('finished_at', 'desc');
}

export async function lastUndoable(handle: DbHandle, listId: number): Promise<UndoableOperation | null> {
  const { db } = handle;
  const list = await db.selectFrom('lead_lists').select('id').where('id', '=', listId).executeTakeFirst();
  if (!list) throw notFound(`List ${listId}`);
  const op = (await undoableOperations(db, listId).limit(1).executeTakeFirst()) as OperationRow | undefined;
  if (!op) return null;
  const check = await checkUnchanged(db, op.id, false);
  return {
    operation_id: op.id,
    kind: op.kind as 'fix' | 'recycle',
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

function loadJoined(db: Db, operationId: string, afterLeadId: number) {
  return db
    .selectFrom('operation_leads')
    .leftJoin('leads', 'leads.id', 'operation_leads.lead_id')
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
    .where('operation_leads.operation_id', '=', operationId)
    .where('operation_leads.lead_id', '>', afterLeadId)
    .orderBy('operation_leads.lead_id')
    .limit(BATCH)
    .execute() as Promise<Joined[]>;
}

/** Counts the operation's leads that changed since, keeping the first reason as an example. */
function tallyDifferences(check: Check, rows: readonly Joined[]): void {
  for (const r of rows) {
    check.total += 1;
    const why = differs(r);
    if (why) {
      check.changed += 1;
      check.example ??= why;
    }
  }
}

async function checkUnchanged(db: Db, operationId: string, yieldBetween: boolean): Promise<Check> {
  const check: Check = { total: 0, changed: 0, example: null };
  let after = 0;
  for (;;) {
    const rows = await loadJoined(db, operationId, after);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].lead_id;
    tallyDifferences(check, rows);
    if (rows.length < BATCH) break;
    if (yieldBetween) await yieldToEventLoop();
  }
  return check;
}

/** One statement per batch: every lead of the id range takes back its own old values. */
async function restoreBatch(trx: Db, operationId: string, first: number, last: number): Promise<void> {
  await trx
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
    .where('operation_leads.operation_id', '=', operationId)
    .where('operation_leads.lead_id', '>=', first)
    .where('operation_leads.lead_id', '<=', last)
    .where('leads.id', '>=', first)
    .where('leads.id', '<=', last)
    // dnc is absorbing: a lead the operation left at dnc (a fix that applied a DNC call) stays.
    .where((eb) => eb.or([eb('operation_leads.new_status', 'is', null), eb('operation_leads.new_status', '!=', 'dnc')]))
    .execute();
}

export async function undoOperation(handle: DbHandle, clock: Clock, operationId: string, onProgress?: ProgressListener): Promise<OperationResult> {
  const { db, dialect } = handle;
  const undoId = randomUUID();
  const nowIso = clock().toISOString();
  return writeTransaction(db, dialect, async (trx) => {
    let q = trx.selectFrom('operations').select(['id', 'kind', 'list_id', 'state', 'started_at']).where('id', '=', operationId);
    if (dialect.supportsRowLocks) q = q.forUpdate();
    const op = (await q.executeTakeFirst()) as OperationRow | undefined;
    if (!op) throw notFound(`Operation ${operationId}`);
    if (op.kind !== 'fix' && op.kind !== 'recycle') throw new InputError(`Only a recycle or a fix can be undone; ${operationId} is a ${op.kind}.`);
    if (op.state === 'undone') throw new ConsoleError('conflict', 'This operation has already been undone.');
    if (op.state === 'running') throw new ConsoleError('conflict', 'This operation is still running.');
    if (op.list_id !== null) {
      const latest = await undoableOperations(trx, op.list_id).limit(1).executeTakeFirst();
      if (latest && latest.id !== op.id) {
        throw new ConsoleError('conflict', `A later ${latest.kind} of this list (${latest.id}) must be undone first. Nothing was changed.`);
      }
    }
    // Lock the leads (PostgreSQL) before comparing them, so that no call can slip in between.
    if (dialect.supportsRowLocks) {
      await trx
        .selectFrom('leads')
        .select('id')
        .where('id', 'in', trx.selectFrom('operation_leads').select('lead_id').where('operation_id', '=', operationId))
        .forUpdate()
        .execute();
    }
    const totalRow = await trx
      .selectFrom('operation_leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('operation_id', '=', operationId)
      .executeTakeFirst();
    const total = Number(totalRow?.n ?? 0);
    onProgress?.({ phase: 'undoing', done: 0, total });
    // One pass: each batch is compared, then restored. At the first lead that changed since,
    // writing stops (the transaction will roll back) and the pass only counts, for the message.
    const check: Check = { total: 0, changed: 0, example: null };
    let done = 0;
    let after = 0;
    for (;;) {
      const rows = await loadJoined(trx, operationId, after);
      if (rows.length === 0) break;
      const first = rows[0].lead_id;
      const last = rows[rows.length - 1].lead_id;
      after = last;
      tallyDifferences(check, rows);
      if (check.changed === 0) {
        await restoreBatch(trx, operationId, first, last);
        const audits: AuditInsert[] = rows
          .filter((r) => r.old_status !== r.new_status && r.new_status !== 'dnc')
          .map((r) => ({
            lead_id: r.lead_id,
            old_status: r.new_status,
            new_status: r.old_status,
            source: 'undo',
            operation_id: undoId,
            reason: `undo of ${op.kind} ${operationId}`,
            created_at: nowIso,
          }));
        await insertAuditRows(trx, dialect, audits);
        done += rows.filter((r) => r.new_status !== 'dnc').length;
        onProgress?.({ phase: 'undoing', done, total: Math.max(total, done) });
      }
      if (rows.length < BATCH) break;
      await yieldToEventLoop();
    }
    if (check.changed > 0) throw new ConsoleError('conflict', `Cannot undo: ${changedMessage(check)} Nothing was changed.`);
    await trx.updateTable('operations').set({ state: 'undone' }).where('id', '=', operationId).execute();
    await trx
      .insertInto('operations')
      .values({
        id: undoId,
        kind: 'undo',
        list_id: op.list_id,
        campaign_id: null,
        state: 'done',
        params: JSON.stringify({ undoes: operationId }),
        summary: JSON.stringify({ changed: done }),
        undoes: operationId,
        started_at: nowIso,
        finished_at: clock().toISOString(),
      })
      .execute();
    return { operation_id: undoId, kind: 'undo', changed: done, list_id: op.list_id };
  });
}
