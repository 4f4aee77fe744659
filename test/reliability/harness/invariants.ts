// What must hold after a process is killed at any moment (issue 7, item 1), checked on full
// table dumps: `pre` before the process ran, `post` after the kill, `ref` after an
// uninterrupted run. Each check returns the violations it found, in words.
import { classifyCallResult, isAnswered, isFinal, normaliseStatus } from '../../../shared/catalogue';
import { normalisePhone } from '../../../shared/domain/phone';
import type { TableSnapshot } from '../../support/table-snapshot';

type Row = Record<string, any>;
const byId = (rows: Row[], key = 'id') => new Map(rows.map((r) => [r[key], r]));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const LEAD_TRACKING = ['status', 'dial_attempts', 'answered_count', 'last_dial_attempt', 'dial_result', 'last_status_change', 'attempts_reset_at'];
const pickTracking = (l: Row) => Object.fromEntries(LEAD_TRACKING.map((k) => [k, l[k]]));
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b);

/** Calls applied by the run: unapplied in `pre`, applied in `post`, per lead. */
function newlyApplied(pre: TableSnapshot, post: TableSnapshot): Map<number, Row[]> {
  const before = byId(pre.call_logs);
  const out = new Map<number, Row[]>();
  for (const c of post.call_logs) {
    const b = before.get(c.id);
    if (b && b.lead_synced_at === null && c.lead_synced_at !== null) out.set(c.lead_id, [...(out.get(c.lead_id) ?? []), c]);
  }
  return out;
}

/** Nothing already there disappears or changes: applied calls, audit rows, leads. */
export function checkNothingLost(pre: TableSnapshot, post: TableSnapshot): string[] {
  const v: string[] = [];
  const calls = byId(post.call_logs);
  for (const c of pre.call_logs) {
    const now = calls.get(c.id);
    if (!now) v.push(`call ${c.call_uuid} disappeared`);
    else if (c.lead_synced_at !== null && now.lead_synced_at !== c.lead_synced_at) v.push(`call ${c.call_uuid} was applied again or un-applied`);
  }
  const audit = byId(post.lead_status_audit);
  for (const a of pre.lead_status_audit) if (!same(audit.get(a.id), a)) v.push(`audit row ${a.id} changed or disappeared`);
  if (post.leads.length !== pre.leads.length) v.push(`lead count ${pre.leads.length} → ${post.leads.length}`);
  return v;
}

/**
 * Every status change has its audit row: per lead, the new audit rows (in id order) form an
 * unbroken chain from the status before to the status now.
 */
export function checkAuditTrail(pre: TableSnapshot, post: TableSnapshot): string[] {
  const v: string[] = [];
  const maxPre = Math.max(0, ...pre.lead_status_audit.map((a) => a.id));
  const fresh = new Map<number, Row[]>();
  for (const a of post.lead_status_audit) if (a.id > maxPre) fresh.set(a.lead_id, [...(fresh.get(a.lead_id) ?? []), a]);
  const before = byId(pre.leads);
  for (const lead of post.leads) {
    let status = before.get(lead.id)?.status ?? null;
    for (const a of fresh.get(lead.id) ?? []) {
      if (a.old_status !== status) v.push(`lead ${lead.id}: audit row ${a.id} starts from ${a.old_status}, the lead was ${status}`);
      status = a.new_status;
    }
    if (status !== lead.status) v.push(`lead ${lead.id}: status ${before.get(lead.id)?.status} → ${lead.status} without a complete audit trail`);
  }
  return v;
}

/**
 * Sync: each lead's counters equal the pre-state plus the calls applied since, each counted
 * exactly once; a lead without newly applied calls is untouched.
 */
export function checkSyncCounters(pre: TableSnapshot, post: TableSnapshot): string[] {
  const v: string[] = [];
  const applied = newlyApplied(pre, post);
  const before = byId(pre.leads);
  for (const lead of post.leads) {
    const b = before.get(lead.id)!;
    const calls = applied.get(lead.id) ?? [];
    if (calls.length === 0) {
      if (!same(pickTracking(b), pickTracking(lead))) v.push(`lead ${lead.id} changed without an applied call`);
      continue;
    }
    const answered = calls.filter((c) => isAnswered(classifyCallResult(c.result, c.hangup_cause))).length;
    const last = calls.reduce((t: string | null, c) => later(t, c.started_at), b.last_dial_attempt);
    if (lead.dial_attempts !== b.dial_attempts + calls.length) v.push(`lead ${lead.id}: dial_attempts ${b.dial_attempts} + ${calls.length} applied calls ≠ ${lead.dial_attempts}`);
    if (lead.answered_count !== b.answered_count + answered) v.push(`lead ${lead.id}: answered_count ${b.answered_count} + ${answered} ≠ ${lead.answered_count}`);
    if (lead.last_dial_attempt !== last) v.push(`lead ${lead.id}: last_dial_attempt ${lead.last_dial_attempt}, expected ${last}`);
  }
  return v;
}

/**
 * Fix: batches of `batchSize` leads (all leads, in id order) are atomic, and a batch starts only
 * when the one `inFlight` places before it has committed: every lead is either as before or as
 * the uninterrupted run left it, a finished batch is never `inFlight` or more batches after an
 * unfinished one, and a call is marked applied only together with its lead's fix.
 */
export function batchedPrefixCheck(batchSize: number, inFlight: number) {
  return (pre: TableSnapshot, post: TableSnapshot, ref: TableSnapshot): string[] => {
    const v: string[] = [];
    const before = byId(pre.leads);
    const after = byId(ref.leads);
    const batchOf = new Map([...pre.leads].sort((a, b) => a.id - b.id).map((l, i) => [l.id, Math.floor(i / batchSize)]));
    let maxDone = { batch: -1, id: 0 };
    let minPending = { batch: Infinity, id: 0 };
    const done = new Set<number>();
    for (const lead of post.leads) {
      const b = before.get(lead.id)!;
      const r = after.get(lead.id)!;
      const batch = batchOf.get(lead.id)!;
      if (same(b, r)) {
        if (!same(lead, b)) v.push(`lead ${lead.id} changed although the run leaves it alone`);
      } else if (same(lead, r)) {
        done.add(lead.id);
        if (batch > maxDone.batch) maxDone = { batch, id: lead.id };
      } else if (same(lead, b)) {
        if (batch < minPending.batch) minPending = { batch, id: lead.id };
      } else v.push(`lead ${lead.id} is half-changed: neither as before nor as after the run`);
    }
    if (maxDone.batch - minPending.batch >= inFlight) {
      v.push(`lead ${maxDone.id} is fixed but lead ${minPending.id}, ${maxDone.batch - minPending.batch} batches earlier, is not (at most ${inFlight} in flight)`);
    }
    for (const [leadId] of newlyApplied(pre, post)) if (!done.has(leadId)) v.push(`lead ${leadId}: a call was marked applied but the lead was not fixed`);
    return v;
  };
}

/** Recycle: one operation, all or nothing: leads, undo rows, audit rows and the operation. */
export function checkAllOrNothing(pre: TableSnapshot, post: TableSnapshot, ref: TableSnapshot): string[] {
  const tables = ['leads', 'lead_status_audit', 'operations', 'operation_leads'] as const;
  const asPre = tables.every((t) => post[t].length === pre[t].length) && same(post.leads, pre.leads);
  const asRef = tables.every((t) => post[t].length === ref[t].length) && same(post.leads, ref.leads);
  if (asPre || asRef) return [];
  return [`partial recycle: ${tables.map((t) => `${t} ${pre[t].length}/${post[t].length}/${ref[t].length}`).join(', ')} (before/now/complete)`];
}

/** Jobs may both sync and reconcile: counters only grow, and never by more than the calls behind them. */
export function checkMonotoneCounters(pre: TableSnapshot, post: TableSnapshot): string[] {
  const v: string[] = [];
  const before = byId(pre.leads);
  const calls = new Map<number, number>();
  for (const c of post.call_logs) calls.set(c.lead_id, (calls.get(c.lead_id) ?? 0) + 1);
  const applied = newlyApplied(pre, post);
  for (const lead of post.leads) {
    const b = before.get(lead.id)!;
    if (lead.dial_attempts < b.dial_attempts) v.push(`lead ${lead.id}: dial_attempts dropped ${b.dial_attempts} → ${lead.dial_attempts}`);
    if (lead.answered_count < b.answered_count) v.push(`lead ${lead.id}: answered_count dropped`);
    const bound = Math.max(b.dial_attempts + (applied.get(lead.id)?.length ?? 0), calls.get(lead.id) ?? 0);
    if (lead.dial_attempts > bound) v.push(`lead ${lead.id}: dial_attempts ${lead.dial_attempts} exceeds its calls (${bound}): a call counted twice`);
  }
  return v;
}

/**
 * Compliance of the hopper: no lead that was `dnc` or final, or had a DNC phone, before the run
 * is queued by it. (A queued lead that a sync or reconcile moves to dnc during the run leaves a
 * stale row: docs/domain.md has cleanup remove it, and claim never hands it out.)
 */
export function checkHopperCompliance(pre: TableSnapshot, post: TableSnapshot): string[] {
  const v: string[] = [];
  const leads = byId(pre.leads);
  const queuedBefore = new Set(pre.dialer_hopper.map((h) => h.lead_id));
  const dnc = new Set(pre.dnc_numbers.map((d) => normalisePhone(d.phone)));
  for (const row of post.dialer_hopper) {
    if (queuedBefore.has(row.lead_id)) continue;
    const lead = leads.get(row.lead_id);
    const status = normaliseStatus(lead?.status);
    if (status !== null && isFinal(status)) v.push(`lead ${row.lead_id} was queued although it was ${lead?.status} before the run`);
    if (dnc.has(normalisePhone(lead?.phone ?? ''))) v.push(`lead ${row.lead_id} was queued although its phone is on the DNC list`);
  }
  return v;
}

/**
 * The end state modulo what legitimately differs between a run and a killed run plus a rerun:
 * row ids of inserted rows, operation ids, times of writing, and bookkeeping of the runs themselves.
 */
export function canonical(d: TableSnapshot) {
  const sortBy = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
  const opsWithRows = new Set(d.operation_leads.map((r) => r.operation_id));
  return {
    campaigns: d.campaigns,
    lead_lists: d.lead_lists,
    leads: d.leads,
    dnc_numbers: d.dnc_numbers,
    call_logs: d.call_logs.map(({ lead_synced_at, ...c }) => ({ ...c, applied: lead_synced_at !== null })),
    audit: sortBy(d.lead_status_audit.map(({ id, operation_id, created_at, ...a }) => a)),
    incidents: sortBy(d.compliance_incidents.map(({ id, created_at, ...i }) => i)),
    hopper: d.dialer_hopper.map(({ id, added_at, claimed_at, ...h }) => h),
    operations: [...new Set(d.operations.filter((o) => opsWithRows.has(o.id)).map((o) => JSON.stringify([o.kind, o.list_id, o.campaign_id, o.params])))].sort(),
    operation_leads: sortBy(d.operation_leads.map(({ operation_id, ...o }) => o)),
    job_settings: d.job_settings,
  };
}

/** The differences between two canonical end states, table by table, first few rows each. */
export function diffCanonical(a: ReturnType<typeof canonical>, b: ReturnType<typeof canonical>, skip: readonly string[] = []): string[] {
  const v: string[] = [];
  for (const key of Object.keys(a) as (keyof typeof a)[]) {
    if (skip.includes(key)) continue;
    const x = a[key] as unknown[];
    const y = b[key] as unknown[];
    if (same(x, y)) continue;
    const xs = new Set(x.map((r) => JSON.stringify(r)));
    const ys = new Set(y.map((r) => JSON.stringify(r)));
    const onlyA = [...xs].filter((r) => !ys.has(r)).slice(0, 2);
    const onlyB = [...ys].filter((r) => !xs.has(r)).slice(0, 2);
    v.push(`${key}: ${x.length} rows vs ${y.length}; rerun only: ${onlyA.join(' ')}; uninterrupted only: ${onlyB.join(' ')}`);
  }
  return v;
}
