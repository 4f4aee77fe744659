// Preview and run a recycle. The recycle is ONE write transaction under one operation_id: it
// walks the leads in id ranges on the long-work handle (the event loop turns after every
// statement), so a large list neither freezes the process nor ever leaves half a list recycled.
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { isFinal, readStatus } from '../../../shared/catalogue';
import { InputError, notFound } from '../../../shared/errors';
import type { OperationResult, RecyclePreview, RecycleRequest } from '../../../shared/types/recycling';
import { writeTransaction, type Db, type Dialect } from '../../db/dialect';
import { forLongWork } from '../../db/query/long-work';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { beginOperation, finishOperation, nextStartTime } from '../operations/operation-log';
import { recordOperationLeadsFrom } from '../operations/operation-leads';
import { BATCH, integerValue, lastLeadAfter, operationLeadIds, operationRowsIn, textValue, timestampValue, type IdRange } from '../operations/operation-ranges';
import { planRecycle, willChangeCondition, type RecyclePlan } from './recycle-plan';
import { insertAuditRowsFrom } from '../leads/lead-repository';

export interface OperationProgress {
  phase: string;
  done: number;
  total: number;
}
export type ProgressListener = (p: OperationProgress) => void;

async function assertListExists(db: Db, listId: number): Promise<void> {
  const list = await db.selectFrom('lead_lists').select('id').where('id', '=', listId).executeTakeFirst();
  if (!list) throw notFound(`List ${listId}`);
}

async function countByStatus(db: Db, plan: RecyclePlan): Promise<{ status: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('leads')
    .select(['leads.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(willChangeCondition(plan))
    .groupBy('leads.status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n) })).sort((a, b) => b.count - a.count);
}

async function countDnc(db: Db, plan: RecyclePlan): Promise<number> {
  if (plan.dncWords.length === 0) return 0;
  const row = await db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('list_id', '=', plan.listId)
    .where('status', 'in', plan.dncWords)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function previewRecycle(handle: DbHandle, request: RecycleRequest): Promise<RecyclePreview> {
  const { db } = handle;
  const plan = planRecycle(request);
  await assertListExists(db, plan.listId);
  const byStatus = await countByStatus(db, plan);
  return {
    list_id: plan.listId,
    will_change: byStatus.reduce((n, s) => n + s.count, 0),
    by_status: byStatus,
    skipped_dnc: await countDnc(db, plan),
    needs_override: plan.needsOverride,
  };
}

function refuseWithoutOverride(plan: RecyclePlan): void {
  if (plan.needsOverride.length === 0) return;
  const words = plan.needsOverride.join(', ');
  throw new InputError(
    `${words} ${plan.needsOverride.length === 1 ? 'is a final status' : 'are final statuses'}: recycling needs an override with a reason. Nothing was changed.`,
  );
}

export async function recycleList(
  handle: DbHandle,
  clock: Clock,
  request: RecycleRequest,
  onProgress?: ProgressListener,
): Promise<OperationResult> {
  const { db, dialect } = handle;
  const plan = planRecycle(request);
  refuseWithoutOverride(plan);
  await assertListExists(db, plan.listId);
  const operationId = randomUUID();
  const nowIso = clock().toISOString();
  const changed = await writeTransaction(forLongWork(handle), dialect, async (trx) => {
    const list = await trx.selectFrom('lead_lists').select(['id', 'campaign_id']).where('id', '=', plan.listId).executeTakeFirst();
    if (!list) throw notFound(`List ${plan.listId}`);
    const total = (await countByStatus(trx, plan)).reduce((n, s) => n + s.count, 0);
    await beginOperation(trx, {
      id: operationId,
      kind: 'recycle',
      listId: plan.listId,
      campaignId: list.campaign_id,
      params: {
        statuses: request.statuses,
        target: plan.target,
        reset_dial_count: plan.reset,
        final_override_reason: plan.overrideReason,
      },
      startedAt: await nextStartTime(trx, plan.listId, nowIso),
    });
    onProgress?.({ phase: 'recycling', done: 0, total });
    const run: RecycleRun = { trx, dialect, plan, operationId, nowIso };
    let done = 0;
    for (let after = 0; ; ) {
      const { recorded, last } = await recycleNextRange(run, after);
      if (recorded === 0) break;
      done += recorded;
      onProgress?.({ phase: 'recycling', done, total: Math.max(total, done) });
      if (recorded < BATCH) break;
      after = last;
    }
    await finishOperation(trx, operationId, { changed: done }, clock().toISOString());
    return done;
  });
  return { operation_id: operationId, kind: 'recycle', changed, list_id: plan.listId };
}

/** What every statement of one recycle needs. */
interface RecycleRun {
  trx: Db;
  dialect: Dialect;
  plan: RecyclePlan;
  operationId: string;
  nowIso: string;
}

/**
 * Recycles the next range of at most BATCH changing leads after lead `after`: undo rows first
 * (they copy the leads as they are), then audit rows, then the leads. Returns how many leads it
 * recycled and the last one's id.
 */
async function recycleNextRange(run: RecycleRun, after: number): Promise<{ recorded: number; last: number }> {
  const recorded = await recordNextRange(run, after);
  if (recorded === 0) return { recorded, last: after };
  const range = { after, last: (await lastLeadAfter(run.trx, run.operationId, after))! };
  await auditRange(run, range);
  await recycleRange(run, range);
  return { recorded, last: range.last };
}

/**
 * Records the next BATCH leads that change as the operation's undo rows, straight from the
 * leads: their values now and what the recycle sets. On PostgreSQL the rows are locked as they
 * are read, so no call can change a lead between this copy and its update.
 */
async function recordNextRange({ trx, dialect, plan, operationId, nowIso }: RecycleRun, after: number): Promise<number> {
  const now = timestampValue(dialect, nowIso);
  const leads = trx
    .selectFrom('leads')
    .select((eb) => [
      textValue(operationId).as('operation_id'),
      'leads.id',
      'leads.status',
      textValue(plan.target).as('new_status'),
      'leads.dial_attempts',
      plan.reset ? integerValue(0).as('new_dial_attempts') : eb.ref('leads.dial_attempts').as('new_dial_attempts'),
      'leads.attempts_reset_at',
      plan.reset ? now.as('new_attempts_reset_at') : eb.ref('leads.attempts_reset_at').as('new_attempts_reset_at'),
      'leads.last_status_change',
      now.as('new_last_status_change'),
    ])
    .where(willChangeCondition(plan))
    .where('leads.id', '>', after)
    .orderBy('leads.id')
    .limit(BATCH);
  return recordOperationLeadsFrom(trx, dialect.forUpdate(leads));
}

/** One audit row per recorded lead of the range whose status moves (a reset alone is not audited). */
async function auditRange({ trx, dialect, plan, operationId, nowIso }: RecycleRun, range: IdRange): Promise<void> {
  const rows = trx
    .selectFrom('operation_leads')
    .select([
      'operation_leads.lead_id',
      'operation_leads.old_status',
      'operation_leads.new_status',
      textValue('recycle').as('source'),
      'operation_leads.operation_id',
      recycleReasonSql(plan).as('reason'),
      timestampValue(dialect, nowIso).as('created_at'),
    ])
    .where(operationRowsIn(operationId, range))
    .where('operation_leads.old_status', 'is distinct from', plan.target)
    .orderBy('operation_leads.lead_id');
  await insertAuditRowsFrom(trx, rows);
}

/** Moves exactly the leads recorded for the range (not one that started matching since). */
async function recycleRange({ trx, plan, operationId, nowIso }: RecycleRun, range: IdRange): Promise<void> {
  await trx
    .updateTable('leads')
    .set({
      status: plan.target,
      last_status_change: nowIso,
      ...(plan.reset ? { dial_attempts: 0, attempts_reset_at: nowIso } : {}),
    })
    .where('leads.id', '>', range.after)
    .where('leads.id', '<=', range.last)
    .where('leads.id', 'in', operationLeadIds(trx, operationId, range))
    .execute();
}

function recycleReason(plan: RecyclePlan, overridden: boolean): string {
  const parts = ['recycled'];
  if (plan.reset) parts.push('dial count reset');
  if (overridden && plan.overrideReason) parts.push(`final override: ${plan.overrideReason}`);
  return parts.join('; ');
}

/** The audit reason of a lead by the stored word it had: finals moved by an override say so. */
function recycleReasonSql(plan: RecyclePlan): RawBuilder<string | null> {
  const finals = plan.words.filter((w) => isFinal(readStatus(w).status));
  const plain = textValue(recycleReason(plan, false));
  if (plan.overrideReason === null || finals.length === 0) return plain;
  return sql<string>`case when operation_leads.old_status in (${sql.join(finals)}) then ${textValue(recycleReason(plan, true))} else ${plain} end`;
}
