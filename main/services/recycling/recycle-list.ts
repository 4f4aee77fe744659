// Preview and run a recycle. The recycle is ONE write transaction under one operation_id: it
// walks the leads in id batches and yields between them, so a large list neither freezes the
// process nor ever leaves half a list recycled.
import { randomUUID } from 'node:crypto';
import { isFinal, readStatus } from '../../../shared/catalogue';
import { InputError, notFound } from '../../../shared/errors';
import type { OperationResult, RecyclePreview, RecycleRequest } from '../../../shared/types/recycling';
import { chunkForParams, writeTransaction, type Db } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { insertAuditRows, yieldToEventLoop, type AuditInsert } from '../status/lead-repository';
import { planRecycle, willChangeCondition, type RecyclePlan } from './recycle-plan';

export interface OperationProgress {
  phase: string;
  done: number;
  total: number;
}
export type ProgressListener = (p: OperationProgress) => void;

const BATCH = 2000;

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
  const changed = await writeTransaction(db, dialect, async (trx) => {
    const list = await trx.selectFrom('lead_lists').select(['id', 'campaign_id']).where('id', '=', plan.listId).executeTakeFirst();
    if (!list) throw notFound(`List ${plan.listId}`);
    const total = (await countByStatus(trx, plan)).reduce((n, s) => n + s.count, 0);
    const startedAt = await monotonicStart(trx, plan.listId, nowIso);
    await trx
      .insertInto('operations')
      .values({
        id: operationId,
        kind: 'recycle',
        list_id: plan.listId,
        campaign_id: list.campaign_id,
        state: 'running',
        params: JSON.stringify({
          statuses: request.statuses,
          target: plan.target,
          reset_dial_count: plan.reset,
          final_override_reason: plan.overrideReason,
        }),
        summary: null,
        undoes: null,
        started_at: startedAt,
        finished_at: null,
      })
      .execute();
    onProgress?.({ phase: 'recycling', done: 0, total });
    let done = 0;
    let afterId = 0;
    for (;;) {
      let q = trx
        .selectFrom('leads')
        .select(['id', 'status', 'dial_attempts', 'attempts_reset_at', 'last_status_change'])
        .where(willChangeCondition(plan))
        .where('leads.id', '>', afterId)
        .orderBy('leads.id')
        .limit(BATCH);
      if (dialect.supportsRowLocks) q = q.forUpdate();
      const leads = await q.execute();
      if (leads.length === 0) break;
      afterId = leads[leads.length - 1].id;
      await writeBatch(trx, handle, plan, leads, operationId, nowIso);
      done += leads.length;
      onProgress?.({ phase: 'recycling', done, total: Math.max(total, done) });
      if (leads.length < BATCH) break;
      await yieldToEventLoop();
    }
    await trx
      .updateTable('operations')
      .set({ state: 'done', finished_at: clock().toISOString(), summary: JSON.stringify({ changed: done }) })
      .where('id', '=', operationId)
      .execute();
    return done;
  });
  return { operation_id: operationId, kind: 'recycle', changed, list_id: plan.listId };
}

/**
 * "The last operation of a list" is decided by started_at: a recycle right after another one in
 * the same millisecond (or under a fixed test clock) still sorts after it.
 */
async function monotonicStart(trx: Db, listId: number, nowIso: string): Promise<string> {
  const latest = await trx
    .selectFrom('operations')
    .select('started_at')
    .where('list_id', '=', listId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest || Date.parse(latest.started_at) < Date.parse(nowIso)) return nowIso;
  return new Date(Date.parse(latest.started_at) + 1).toISOString();
}

interface LeadBefore {
  id: number;
  status: string | null;
  dial_attempts: number;
  attempts_reset_at: string | null;
  last_status_change: string | null;
}

async function writeBatch(trx: Db, handle: DbHandle, plan: RecyclePlan, leads: LeadBefore[], operationId: string, nowIso: string) {
  const { dialect } = handle;
  const ids = leads.map((l) => l.id);
  for (const chunk of chunkForParams(dialect, ids, 1)) {
    await trx
      .updateTable('leads')
      .set({
        status: plan.target,
        last_status_change: nowIso,
        ...(plan.reset ? { dial_attempts: 0, attempts_reset_at: nowIso } : {}),
      })
      .where('id', 'in', chunk)
      .execute();
  }
  const undoRows = leads.map((l) => ({
    operation_id: operationId,
    lead_id: l.id,
    old_status: l.status,
    new_status: plan.target,
    old_dial_attempts: l.dial_attempts,
    new_dial_attempts: plan.reset ? 0 : l.dial_attempts,
    old_attempts_reset_at: l.attempts_reset_at,
    new_attempts_reset_at: plan.reset ? nowIso : l.attempts_reset_at,
    old_last_status_change: l.last_status_change,
    new_last_status_change: nowIso,
  }));
  for (const chunk of chunkForParams(dialect, undoRows, 10)) await trx.insertInto('operation_leads').values(chunk).execute();
  const audits: AuditInsert[] = leads
    .filter((l) => l.status !== plan.target)
    .map((l) => ({
      lead_id: l.id,
      old_status: l.status,
      new_status: plan.target,
      source: 'recycle',
      operation_id: operationId,
      reason: recycleReason(plan, l.status),
      created_at: nowIso,
    }));
  await insertAuditRows(trx, dialect, audits);
}

function recycleReason(plan: RecyclePlan, from: string | null): string {
  const parts = ['recycled'];
  if (plan.reset) parts.push('dial count reset');
  if (plan.overrideReason && isFinal(readStatus(from).status)) parts.push(`final override: ${plan.overrideReason}`);
  return parts.join('; ');
}
