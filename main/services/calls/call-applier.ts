// Applies call logs to their leads: live dial results, or every unapplied call (sync). Whatever
// the path, the rules are `planClaimedCalls`, so a call is applied the same way whichever path it
// takes, and at most once: its `lead_synced_at` is claimed in the same transaction.
import type { CompiledQuery } from 'kysely';
import { classifyCallResult, normaliseStatus, type SavedAliases } from '../../../shared/catalogue';
import { savedAliasesIfNeeded } from '../status-words/saved-aliases';
import { normalisePhone } from '../../../shared/domain/phone';
import { chunkForParams, writeTransaction, type Db, type Dialect } from '../../db/dialect';
import { forLongWork } from '../../db/query/long-work';
import { executeRecurring, idsIn, textsIn } from '../../db/query/batch-params';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import { applyCallRule } from './call-rule';
import { writeOneLeadOutcome } from './status-dialect';
import { callbackClosingOf, closeCallbacksOfCalledLeads } from '../callbacks/callback-closing';
import { CALL_COLUMNS, changedTracking, trackingOf, type CallRow, type LeadRow, type LeadTracking } from '../leads/lead-tracking';
import { insertAuditRows, loadLeadsById, removeFromHopper, updateLeadTrackingBulk, type AuditInsert } from '../leads/lead-repository';

export interface ApplyCounts {
  applied: number;
  statusChanges: number;
  incidents: number;
  /** Calls whose lead does not exist (left unapplied, reported). */
  orphaned: number;
  /** Calls whose started_at cannot be read as a time (left unapplied, reported): applying them
   * would date the lead's last dial and status change wrongly. */
  unreadableTime: number;
  /** Leads that got a `dropped` result, for the hopper to re-queue. */
  droppedLeadIds: number[];
  /** Dropped leads the hopper took back. */
  requeuedLeadIds: number[];
  /** Each applied lead's status after its calls. */
  statusAfter: Map<number, string | null>;
}

/**
 * The hopper's side of a `dropped` result: the lead goes straight back, at high priority, when it
 * is still eligible (docs/domain.md "Applying a call to its lead", rule 7).
 */
export interface DroppedRequeue {
  /** Inside the applying transaction, for the leads whose latest result was `dropped`. */
  inTransaction(trx: Db, leadIds: number[], now: Date): Promise<number[]>;
  /** For a dial result whose statements go in batches (postgres/pipeline.ts): one lead's re-queue. */
  batched(db: Db, dialect: Dialect, leadId: number): BatchedRequeue;
}

export interface BatchedRequeue {
  /** What the re-queue needs (the lead's campaign), read in the transaction's first batch. */
  read: CompiledQuery<unknown>;
  /** The re-queue as one statement for the last batch, from the rows `read` returned (none: nothing to do). */
  statement(readRows: readonly unknown[], now: Date): CompiledQuery<{ lead_id: number }> | undefined;
}

export function emptyCounts(): ApplyCounts {
  return { applied: 0, statusChanges: 0, incidents: 0, orphaned: 0, unreadableTime: 0, droppedLeadIds: [], requeuedLeadIds: [], statusAfter: new Map() };
}

/**
 * Applies the given unapplied calls (oldest first) inside an open write transaction.
 * Calls already applied by someone else in the meantime are skipped.
 */
export async function applyCallsInTransaction(
  trx: Db,
  dialect: Dialect,
  calls: readonly CallRow[],
  now: Date,
  source: 'call' | 'sync',
  requeueDropped?: DroppedRequeue,
): Promise<ApplyCounts> {
  const counts = emptyCounts();
  if (calls.length === 0) return counts;
  const nowIso = now.toISOString();
  const leads = await loadLeadsById(trx, dialect, calls.map((c) => c.lead_id), true);

  // Claim the calls: only the ones still unapplied are ours (another console may have won).
  const known = calls.filter((c) => leads.has(c.lead_id));
  counts.orphaned = calls.length - known.length;
  const claimable = known.filter((c) => hasReadableTime(c.started_at));
  counts.unreadableTime = known.length - claimable.length;
  const claimed = new Set<number>();
  const ids = idsIn(dialect, 'id', claimable.map((c) => c.id));
  if (ids) {
    const claim = trx.updateTable('call_logs').set({ lead_synced_at: nowIso }).where(ids).where('lead_synced_at', 'is', null).returning('id');
    for (const r of (await executeRecurring(trx, dialect, claim)).rows) claimed.add(r.id);
  }
  const toApply = claimable.filter((c) => claimed.has(c.id));
  if (toApply.length === 0) return counts;
  const dncPhones = await dncKeysFor(trx, dialect, [...new Set(toApply.map((c) => c.lead_id))].map((id) => leads.get(id)!));
  const aliases = await savedAliasesIfNeeded(trx, dialect, toApply.flatMap((c) => [c.result, leads.get(c.lead_id)!.status]));
  return applyClaimedCalls(trx, dialect, { leads, calls: toApply, dncPhones, aliases }, now, source, requeueDropped, counts);
}

export interface ClaimedCalls {
  /** The calls' leads, read (and locked on PostgreSQL) in this transaction. */
  leads: ReadonlyMap<number, LeadRow>;
  /** Calls this transaction claimed (`lead_synced_at` set by it), with readable start times, oldest first. */
  calls: readonly CallRow[];
  /** Phone keys of these leads that are on the DNC list. */
  dncPhones: ReadonlySet<string>;
  /** Saved aliases, when a call's result or a lead's status is a word the catalogue does not know. */
  aliases?: SavedAliases;
}

export interface IncidentInsert {
  lead_id: number;
  call_uuid: string;
  phone: string;
  reason: 'dnc_status' | 'dnc_phone';
  created_at: string;
}

/** What applying claimed calls writes, decided by the rules alone (no database). */
export interface CallApplication {
  counts: ApplyCounts;
  /** The leads whose tracking changed, in id order. */
  updates: { id: number; tracking: LeadTracking }[];
  audits: AuditInsert[];
  incidents: IncidentInsert[];
  /** Every lead the calls reached: they leave the hopper. */
  leadIds: number[];
}

/**
 * The rules for calls already claimed in the open transaction: the one place that decides how a
 * call changes its lead, whether it came from the dialer (recordCall, either path) or the sync.
 */
export function planClaimedCalls(
  { leads, calls, dncPhones, aliases }: ClaimedCalls,
  now: Date,
  source: 'call' | 'sync',
  counts: ApplyCounts = emptyCounts(),
): CallApplication {
  const nowIso = now.toISOString();
  const state = new Map<number, { before: LeadRow; now: LeadTracking }>();
  const audits: AuditInsert[] = [];
  const incidents: IncidentInsert[] = [];

  for (const call of calls) {
    const lead = leads.get(call.lead_id)!;
    let entry = state.get(lead.id);
    if (!entry) {
      entry = { before: lead, now: trackingOf(lead) };
      state.set(lead.id, entry);
    }
    const result = classifyCallResult(call.result, call.hangup_cause, aliases);
    const oldStatus = entry.now.status;
    const outcome = applyCallRule(entry.now, { startedAt: call.started_at, result }, aliases);
    if (outcome.calledDncLead) incidents.push({ lead_id: lead.id, call_uuid: call.call_uuid, phone: lead.phone, reason: 'dnc_status', created_at: nowIso });
    if (dncPhones.has(normalisePhone(lead.phone))) {
      incidents.push({ lead_id: lead.id, call_uuid: call.call_uuid, phone: lead.phone, reason: 'dnc_phone', created_at: nowIso });
    }
    if (outcome.statusChanged) {
      audits.push({
        lead_id: lead.id,
        old_status: oldStatus,
        new_status: outcome.next.status,
        source,
        operation_id: null,
        reason: `call ${call.call_uuid}: ${result}`,
        created_at: nowIso,
      });
    }
    entry.now = outcome.next;
    counts.applied += 1;
  }

  const updates: { id: number; tracking: LeadTracking }[] = [];
  for (const [id, entry] of state) {
    if (Object.keys(changedTracking(trackingOf(entry.before), entry.now)).length > 0) updates.push({ id, tracking: entry.now });
    counts.statusAfter.set(id, entry.now.status);
    if (normaliseStatus(entry.now.status) === 'dropped' && entry.now.dial_result === 'dropped') counts.droppedLeadIds.push(id);
  }
  // In lead id order: a batch's calls come oldest first, their leads in any order, and rows
  // written in id order share table pages (SQLite's page cache is 2 MB).
  updates.sort((a, b) => a.id - b.id);
  counts.statusChanges = audits.length;
  counts.incidents = incidents.length;
  return { counts, updates, audits, incidents, leadIds: [...state.keys()] };
}

/** The incidents as one insert each chunk; an incident recorded before is kept as it was. */
export function incidentInserts(db: Db, dialect: Dialect, incidents: readonly IncidentInsert[]) {
  return chunkForParams(dialect, incidents, 5)
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => db.insertInto('compliance_incidents').values(chunk).onConflict((oc) => oc.columns(['call_uuid', 'reason']).doNothing()));
}

/** The rules (planClaimedCalls), the writes and the hopper, inside the open transaction. */
export async function applyClaimedCalls(
  trx: Db,
  dialect: Dialect,
  claimed: ClaimedCalls,
  now: Date,
  source: 'call' | 'sync',
  requeueDropped?: DroppedRequeue,
  counts: ApplyCounts = emptyCounts(),
): Promise<ApplyCounts> {
  const plan = planClaimedCalls(claimed, now, source, counts);
  const single = plan.leadIds.length === 1 && plan.updates.length === 1 && plan.audits.length <= 1;
  if (single) {
    // One lead (a dial result): its writes together, in one round trip on PostgreSQL.
    const { id, tracking } = plan.updates[0];
    await writeOneLeadOutcome(trx, dialect, { id, ...tracking, ...callbackClosingOf(tracking.status, now) }, plan.audits[0] ?? null);
  } else {
    await updateLeadTrackingBulk(trx, dialect, plan.updates);
    await insertAuditRows(trx, dialect, plan.audits);
    await closeCallbacksOfCalledLeads(trx, dialect, plan.leadIds.map((id) => ({ id, status: counts.statusAfter.get(id) ?? null })), now);
  }
  for (const insert of incidentInserts(trx, dialect, plan.incidents)) await insert.execute();
  // A dialed lead leaves the hopper (a single lead's went above); a dropped one may come straight
  // back, at high priority. A sync applies calls a dialer wrote earlier: a row `dialing` now is a
  // call ringing now, and deleting it would let the next fill queue the lead again and the next
  // claim hand it out while it rings (the soak caught it: docs/reliability.md §7). Its own result
  // removes it, or stale cleanup does.
  if (!single) await removeFromHopper(trx, dialect, plan.leadIds, source === 'sync');
  if (requeueDropped && counts.droppedLeadIds.length > 0) counts.requeuedLeadIds = await requeueDropped.inTransaction(trx, counts.droppedLeadIds, now);
  return counts;
}

/** A dialer may write any text (SQLite) or 'infinity' (PostgreSQL) into call_logs.started_at. */
export function hasReadableTime(value: string | null): boolean {
  return value !== null && Number.isFinite(Date.parse(value));
}

export async function dncKeysFor(db: Db, dialect: Dialect, leads: readonly LeadRow[]): Promise<Set<string>> {
  const keys = textsIn(dialect, 'phone_key', [...new Set(leads.map((l) => normalisePhone(l.phone)).filter((k) => k !== ''))]);
  const found = new Set<string>();
  if (keys) for (const r of (await executeRecurring(db, dialect, db.selectFrom('dnc_numbers').select('phone_key').where(keys))).rows) if (r.phone_key) found.add(r.phone_key);
  return found;
}

/**
 * Calls per sync transaction: larger batches are barely faster, and 1,000 keeps statements short
 * and memory low (docs/performance.md, "Batches of rows and ids in one statement").
 */
export const DEFAULT_SYNC_BATCH = 1000;

export interface SyncOptions {
  batchSize?: number;
  onProgress?: (p: { applied: number; batches: number; total: number }) => void;
  requeueDropped?: DroppedRequeue;
  /** Checked between batches: stop cleanly after the current one (shutdown). */
  shouldStop?: () => boolean;
}

export interface SyncResult extends Omit<ApplyCounts, 'droppedLeadIds' | 'requeuedLeadIds' | 'statusAfter'> {
  batches: number;
  remaining: number;
}

/** Applies every call log not yet applied, oldest first, one transaction per batch. */
export async function syncUnappliedCalls(handle: DbHandle, clock: Clock, options: SyncOptions = {}): Promise<SyncResult> {
  const { dialect } = handle;
  const db = forLongWork(handle);
  const batchSize = options.batchSize ?? DEFAULT_SYNC_BATCH;
  await ensurePhoneKeys(db, dialect);
  const pendingAtStart = await countUnapplied(db);
  const total: SyncResult = { applied: 0, statusChanges: 0, incidents: 0, orphaned: 0, unreadableTime: 0, batches: 0, remaining: 0 };
  // Keyset cursor over (started_at, id): calls of missing leads stay unapplied and are passed over.
  let cursor: { startedAt: string; id: number } | null = null;
  for (;;) {
    if (options.shouldStop?.()) break;
    const batch = await writeTransaction(db, dialect, async (trx) => {
      let q = trx
        .selectFrom('call_logs')
        .select(CALL_COLUMNS)
        .where('lead_synced_at', 'is', null);
      if (cursor) {
        const c = cursor;
        q = q.where((eb) =>
          eb.or([eb('started_at', '>', c.startedAt), eb.and([eb('started_at', '=', c.startedAt), eb('id', '>', c.id)])]),
        );
      }
      const calls = await q.orderBy('started_at').orderBy('id').limit(batchSize).execute();
      const counts = await applyCallsInTransaction(trx, dialect, calls, clock(), 'sync', options.requeueDropped);
      return { calls, counts };
    });
    if (batch.calls.length === 0) break;
    const last = batch.calls[batch.calls.length - 1];
    cursor = { startedAt: last.started_at, id: last.id };
    total.applied += batch.counts.applied;
    total.statusChanges += batch.counts.statusChanges;
    total.incidents += batch.counts.incidents;
    total.orphaned += batch.counts.orphaned;
    total.unreadableTime += batch.counts.unreadableTime;
    total.batches += 1;
    options.onProgress?.({ applied: total.applied, batches: total.batches, total: Math.max(pendingAtStart, total.applied) });
    if (batch.calls.length < batchSize) break;
  }
  total.remaining = await countUnapplied(db);
  return total;
}

export async function countUnapplied(db: Db): Promise<number> {
  const row = await db
    .selectFrom('call_logs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lead_synced_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
