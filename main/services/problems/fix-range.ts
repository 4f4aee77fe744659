// One range of a problem scan or fix: its candidate leads read (and locked, when fixing), their
// fixes planned by the rules (problem-rules.ts), and, when fixing, written in the range's own
// write transaction with the operation's undo rows.
import { writeTransaction, type Db, type Dialect } from '../../db/dialect';
import { executeRecurring, idsIn } from '../../db/query/batch-params';
import type { Clock } from '../../db/time';
import type { FixMode } from '../../../shared/types/status';
import { changedTracking, trackingOf, type LeadRow, type LeadTracking } from '../leads/lead-tracking';
import { insertAuditRows, loadCallsByLead, updateLeadTrackingBulk, type AuditInsert, type LeadScope } from '../leads/lead-repository';
import { recordOperationLeads, type OperationLeadInsert } from '../operations/operation-leads';
import { cancelCallbacksOfFinalLeads, isFinalStatus } from '../callbacks/callback-closing';
import { problemCandidates } from './problem-candidates';
import { planFix, summariseCalls, type FixPlan } from './problem-rules';
import type { SavedAliases } from '../../../shared/catalogue';
import { answeredSpellingsOf } from '../status-words/saved-aliases';
import type { LeadRange } from './range-pipeline';

export interface PlannedLead {
  lead: LeadRow;
  plan: FixPlan;
}

/** Reads the candidate leads of a range (locked when fixing) and plans their fixes. */
async function planRange(db: Db, dialect: Dialect, scope: LeadScope, afterId: number, upTo: number, nowIso: string, lock: boolean, saved: SavedAliases) {
  return planBatch(db, dialect, await problemCandidates(db, dialect, scope, afterId, upTo, lock, answeredSpellingsOf(saved)), nowIso, saved);
}

async function planBatch(db: Db, dialect: Dialect, leads: LeadRow[], nowIso: string, saved: SavedAliases): Promise<PlannedLead[]> {
  const calls = await loadCallsByLead(db, dialect, leads.map((l) => l.id));
  const planned: PlannedLead[] = [];
  for (const lead of leads) {
    const plan = planFix(lead, summariseCalls(lead, calls.get(lead.id) ?? [], saved), nowIso, saved);
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
  const undoRows: OperationLeadInsert[] = [];
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
  // docs/domain.md "Callbacks": a lead set to a final status cancels its pending callbacks.
  await cancelCallbacksOfFinalLeads(trx, dialect, audits.filter((a) => isFinalStatus(a.new_status)).map((a) => a.lead_id));
  await recordOperationLeads(trx, dialect, undoRows);
  // The calls a fix has taken into account are applied: the sync must not count them again.
  const leads = idsIn(dialect, 'lead_id', touched);
  if (leads) await executeRecurring(trx, dialect, trx.updateTable('call_logs').set({ lead_synced_at: nowIso }).where(leads).where('lead_synced_at', 'is', null));
  return touched.length;
}

/** What one run of the fixer does to every range. */
export interface FixRun {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  scope: LeadScope;
  mode: FixMode;
  /** The fix's operation (null unless fixing). */
  operationId: string | null;
  source: 'fix' | 'reconcile';
  /** The words a person mapped read as aliases for the whole run (domain.md, status words). */
  saved: SavedAliases;
}

export interface RangeOutcome {
  range: LeadRange;
  planned: PlannedLead[];
  fixed: number;
  /** Set when a fix's range rolled back. */
  error?: Error;
}

/** One range checked (and, when fixing, written in its own transaction). */
export async function runRange({ db, dialect, clock, scope, mode, operationId, source, saved }: FixRun, range: LeadRange): Promise<RangeOutcome> {
  const nowIso = clock().toISOString();
  if (mode !== 'fix') return { range, planned: await planRange(db, dialect, scope, range.afterId, range.upTo, nowIso, false, saved), fixed: 0 };
  try {
    return await writeTransaction(db, dialect, async (trx) => {
      const planned = await planRange(trx, dialect, scope, range.afterId, range.upTo, nowIso, true, saved);
      const fixed = await writeFixes(trx, dialect, planned.filter((p) => p.plan.fixable), operationId!, source, nowIso);
      return { range, planned, fixed };
    });
  } catch (error) {
    // The range rolled back as a whole; its leads count as errors and the fix goes on.
    return { range, planned: [], fixed: 0, error: error as Error };
  }
}
