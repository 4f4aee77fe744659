// Finds problem leads by class and fixes them: streams leads in id batches (memory stays flat),
// each batch of a fix in its own write transaction, the whole run under one operation_id.
import { cancelCallbacksOfFinalLeads, isFinalStatus } from '../callbacks/callback-closing';
import { randomUUID } from 'node:crypto';
import type { FixMode, FixReport } from '../../../shared/types/status';
import { writeTransaction, type Db, type Dialect, type DialectName } from '../../db/dialect';
import { bulkInsert } from '../../db/query/bulk-insert';
import { executeRecurring, idsIn } from '../../db/query/batch-params';
import { forLongWork } from '../../db/query/long-work';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { changedTracking, trackingOf, type LeadRow, type LeadTracking } from '../leads/lead-tracking';
import {
  countLeads,
  insertAuditRows,
  loadCallsByLead,
  updateLeadTrackingBulk,
  type AuditInsert,
  type LeadScope,
} from '../leads/lead-repository';
import { nextLeadRange, problemCandidates } from './problem-candidates';
import { PROBLEM_CLASSES, planFix, summariseCalls, type FixPlan, type ProblemClass } from './problem-rules';

export type { FixMode, FixReport };


export interface FixOptions {
  mode: FixMode;
  campaignId?: number;
  listId?: number;
  batchSize?: number;
  /** How many lead ids to keep per class for a verbose report. */
  sampleSize?: number;
  /** `fix` (the CLI, the UI) or `reconcile` (the daily job): the audit source. */
  source?: 'fix' | 'reconcile';
  onProgress?: (p: { checked: number; total: number }) => void;
  shouldStop?: () => boolean;
}


function emptyClasses<T>(make: () => T): Record<ProblemClass, T> {
  return Object.fromEntries(PROBLEM_CLASSES.map((c) => [c, make()])) as Record<ProblemClass, T>;
}

interface PlannedLead {
  lead: LeadRow;
  plan: FixPlan;
}

/** Reads the candidate leads of a range (locked when fixing) and plans their fixes. */
async function planRange(db: Db, dialect: Dialect, scope: LeadScope, afterId: number, upTo: number, nowIso: string, lock: boolean) {
  return planBatch(db, dialect, await problemCandidates(db, dialect, scope, afterId, upTo, lock), nowIso);
}

async function planBatch(db: Db, dialect: Dialect, leads: LeadRow[], nowIso: string): Promise<PlannedLead[]> {
  const calls = await loadCallsByLead(db, dialect, leads.map((l) => l.id));
  const planned: PlannedLead[] = [];
  for (const lead of leads) {
    const plan = planFix(lead, summariseCalls(lead, calls.get(lead.id) ?? []), nowIso);
    if (plan) planned.push({ lead, plan });
  }
  return planned;
}

async function writeFixes(
  trx: Db,
  dialect: Dialect,
  planned: PlannedLead[],
  operationId: string,
  source: 'fix' | 'reconcile',
  nowIso: string,
): Promise<number> {
  const audits: AuditInsert[] = [];
  const undoRows = [];
  const touched: number[] = [];
  const updates: { id: number; tracking: LeadTracking }[] = [];
  for (const { lead, plan } of planned) {
    if (Object.keys(changedTracking(trackingOf(lead), plan.next)).length === 0) continue;
    touched.push(lead.id);
    updates.push({ id: lead.id, tracking: plan.next });
    if (plan.statusChanged) {
      audits.push({
        lead_id: lead.id,
        old_status: lead.status,
        new_status: plan.next.status,
        source,
        operation_id: operationId,
        reason: plan.problem,
        created_at: nowIso,
      });
    }
    undoRows.push({
      operation_id: operationId,
      lead_id: lead.id,
      old_status: lead.status,
      new_status: plan.next.status,
      old_dial_attempts: lead.dial_attempts,
      new_dial_attempts: plan.next.dial_attempts,
      old_attempts_reset_at: lead.attempts_reset_at,
      new_attempts_reset_at: lead.attempts_reset_at,
      old_last_status_change: lead.last_status_change,
      new_last_status_change: plan.next.last_status_change,
      tracks_dialing: 1,
      old_answered_count: lead.answered_count,
      new_answered_count: plan.next.answered_count,
      old_last_dial_attempt: lead.last_dial_attempt,
      new_last_dial_attempt: plan.next.last_dial_attempt,
      old_dial_result: lead.dial_result,
      new_dial_result: plan.next.dial_result,
    });
  }
  await updateLeadTrackingBulk(trx, dialect, updates);
  await insertAuditRows(trx, dialect, audits);
  // domain.md "Callbacks": a lead set to a final status cancels its pending callbacks.
  await cancelCallbacksOfFinalLeads(trx, dialect, audits.filter((a) => isFinalStatus(a.new_status)).map((a) => a.lead_id));
  await bulkInsert(trx, dialect, 'operation_leads', undoRows);
  // The calls a fix has taken into account are applied: the sync must not count them again.
  const leads = idsIn(dialect, 'lead_id', touched);
  if (leads) await executeRecurring(trx, dialect, trx.updateTable('call_logs').set({ lead_synced_at: nowIso }).where(leads).where('lead_synced_at', 'is', null));
  return touched.length;
}

/**
 * How a fix goes through the leads, per database: `size` leads per range (one transaction each
 * when fixing: short locks, short statements), `inFlight` ranges read (and written) at once.
 * - SQLite: one connection, so one range at a time, of 5,000 (the 1M fix measured 1.35–1.59 of
 *   its floor at 2,500, 1.17–1.38 at 5,000, in alternated bench runs; its longest event-loop
 *   block 19–35 → 25–28 ms).
 * - PostgreSQL: 3 ranges of 2,500 at once, each on its own connection (with the next boundary
 *   query, the 4 connections of the default pool; the 1M fix took 9.8 s with 2, 6.6 s with 3).
 * A range commits as a whole, so after a crash the fixed leads are every range before some point
 * plus, on PostgreSQL, some of the next two.
 */
export const FIX_RANGES: Record<DialectName, { size: number; inFlight: number }> = {
  sqlite: { size: 5000, inFlight: 1 },
  postgres: { size: 2500, inFlight: 3 },
};

interface RangeOutcome {
  range: { upTo: number; count: number };
  planned: PlannedLead[];
  fixed: number;
  /** Set when a fix's range rolled back. */
  error?: Error;
}

export async function findAndFixProblemLeads(handle: DbHandle, clock: Clock, options: FixOptions): Promise<FixReport> {
  const { dialect } = handle;
  const db = forLongWork(handle);
  const scope: LeadScope = { campaignId: options.campaignId, listId: options.listId };
  const batchSize = options.batchSize ?? FIX_RANGES[dialect.name].size;
  const sampleSize = options.sampleSize ?? 20;
  const source = options.source ?? 'fix';
  const report: FixReport = {
    mode: options.mode,
    scope: { campaign_id: options.campaignId ?? null, list_id: options.listId ?? null },
    checked: 0,
    issues: emptyClasses(() => 0),
    total_issues: 0,
    not_fixable: 0,
    fixed: 0,
    errors: 0,
    error_messages: [],
    operation_id: null,
    status_distribution_after: {},
    samples: emptyClasses<number[]>(() => []),
    stopped: false,
  };
  // Only a progress bar needs the total.
  const total = options.onProgress ? await countLeads(db, dialect, scope) : 0;
  const operationId = options.mode === 'fix' ? randomUUID() : null;
  report.operation_id = operationId;
  if (operationId) {
    await db
      .insertInto('operations')
      .values({
        id: operationId,
        kind: source === 'reconcile' ? 'reconcile' : 'fix',
        list_id: options.listId ?? null,
        campaign_id: options.campaignId ?? null,
        state: 'running',
        params: JSON.stringify({ mode: options.mode }),
        summary: null,
        undoes: null,
        started_at: clock().toISOString(),
        finished_at: null,
      })
      .execute();
  }

  const tally = (planned: PlannedLead[], countFixed: boolean) => {
    for (const { lead, plan } of planned) {
      report.issues[plan.problem] += 1;
      report.total_issues += 1;
      if (report.samples[plan.problem].length < sampleSize) report.samples[plan.problem].push(lead.id);
      if (!plan.fixable) report.not_fixable += 1;
      if (countFixed && plan.fixable) {
        const status = plan.next.status ?? 'null';
        report.status_distribution_after[status] = (report.status_distribution_after[status] ?? 0) + 1;
      }
    }
  };

  /** One range checked (and, when fixing, written in its own transaction). */
  const runRange = async (afterId: number, range: { upTo: number; count: number }): Promise<RangeOutcome> => {
    const nowIso = clock().toISOString();
    if (options.mode !== 'fix') return { range, planned: await planRange(db, dialect, scope, afterId, range.upTo, nowIso, false), fixed: 0 };
    try {
      return await writeTransaction(db, dialect, async (trx) => {
        const planned = await planRange(trx, dialect, scope, afterId, range.upTo, nowIso, true);
        const fixed = await writeFixes(trx, dialect, planned.filter((p) => p.plan.fixable), operationId!, source, nowIso);
        return { range, planned, fixed };
      });
    } catch (error) {
      // The range rolled back as a whole; its leads count as errors and the fix goes on.
      return { range, planned: [], fixed: 0, error: error as Error };
    }
  };
  const settle = ({ range, planned, fixed, error }: RangeOutcome) => {
    if (error) {
      report.errors += range.count;
      if (report.error_messages.length < 5) report.error_messages.push(error.message);
    } else if (options.mode === 'fix') {
      tally(planned, true);
      report.fixed += fixed;
    } else {
      tally(planned, options.mode === 'dry-run');
      // Every fixable plan changes its lead, so a dry run counts exactly what a fix would write.
      if (options.mode === 'dry-run') report.fixed += planned.filter((p) => p.plan.fixable).length;
    }
    report.checked += range.count;
    options.onProgress?.({ checked: report.checked, total: Math.max(total, report.checked) });
  };

  // Ranges are disjoint sets of leads, so on PostgreSQL several are in flight at once, each on its
  // own connection: the server reads (and writes) one while the app classifies another. They are
  // settled in order. SQLite has one connection, so one range at a time.
  const { inFlight } = FIX_RANGES[dialect.name];
  const pending: Promise<RangeOutcome>[] = [];
  try {
    let afterId = 0;
    for (;;) {
      if (options.shouldStop?.()) {
        report.stopped = true;
        break;
      }
      const range = await nextLeadRange(db, dialect, scope, afterId, batchSize);
      if (!range) break;
      const outcome = runRange(afterId, range);
      // Awaited in order below; until then a failure must not count as unhandled.
      outcome.catch(() => undefined);
      pending.push(outcome);
      afterId = range.upTo;
      if (pending.length >= inFlight) settle(await pending.shift()!);
    }
    while (pending.length > 0) settle(await pending.shift()!);
  } finally {
    // A report that fails still lets the ranges in flight finish before it says so.
    await Promise.allSettled(pending);
  }
  if (options.mode === 'report') report.status_distribution_after = {};

  if (operationId) {
    await db
      .updateTable('operations')
      .set({
        state: report.errors > 0 || report.stopped ? 'failed' : 'done',
        finished_at: clock().toISOString(),
        summary: JSON.stringify({ checked: report.checked, issues: report.issues, fixed: report.fixed, errors: report.errors, stopped: report.stopped }),
      })
      .where('id', '=', operationId)
      .execute();
  }
  return report;
}
