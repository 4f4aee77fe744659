// domain.md "Problem leads and how they are fixed", as pure functions over one lead and its calls.
import type { ProblemClass } from '../../../shared/catalogue/problem-classes';
import {
  callMayChangeStatus,
  classifyCallResult,
  isAnswered,
  readStatus,
  type Status,
} from '../../../shared/catalogue';
import { laterOf, toMs } from '../../db/time';
import type { CallRow, LeadRow, LeadTracking } from '../leads/lead-tracking';
import { trackingOf } from '../leads/lead-tracking';

export { PROBLEM_CLASSES, type ProblemClass } from '../../../shared/catalogue/problem-classes';

export interface CallSummary {
  /** Calls that started after `attempts_reset_at` (all when it is NULL). */
  n: number;
  /** How many of them were answered. */
  a: number;
  latest: { startedAt: string; result: Status; id: number } | null;
}

export function summariseCalls(lead: Pick<LeadRow, 'attempts_reset_at'>, calls: readonly CallRow[]): CallSummary {
  const resetMs = lead.attempts_reset_at === null ? null : toMs(lead.attempts_reset_at);
  let n = 0;
  let a = 0;
  let latest: CallSummary['latest'] = null;
  let latestMs = -Infinity;
  for (const call of calls) {
    const startedMs = toMs(call.started_at);
    // A call nobody can date is no evidence (the sync reports it and leaves it unapplied).
    if (!Number.isFinite(startedMs)) continue;
    if (resetMs !== null && !(startedMs > resetMs)) continue;
    const result = classifyCallResult(call.result, call.hangup_cause);
    n += 1;
    if (isAnswered(result)) a += 1;
    if (startedMs > latestMs || (startedMs === latestMs && latest !== null && call.id > latest.id)) {
      latestMs = startedMs;
      latest = { startedAt: call.started_at, result, id: call.id };
    }
  }
  return { n, a, latest };
}

function dialedAfterStatusSet(lead: LeadTracking, calls: CallSummary): boolean {
  if (lead.last_status_change === null) return true;
  const lastDial = laterOf(lead.last_dial_attempt, calls.latest?.startedAt ?? null);
  return lastDial !== null && toMs(lastDial) > toMs(lead.last_status_change);
}

function tracksTooLittle(lead: LeadTracking, calls: CallSummary): boolean {
  if (calls.n === 0 || calls.latest === null) return false;
  return (
    lead.dial_attempts < calls.n ||
    lead.answered_count < calls.a ||
    lead.last_dial_attempt === null ||
    toMs(lead.last_dial_attempt) < toMs(calls.latest.startedAt)
  );
}

/** The first problem class a lead matches, or null when it has none. */
export function classifyLead(lead: LeadTracking, calls: CallSummary): ProblemClass | null {
  const reading = readStatus(lead.status);
  const dialed = lead.dial_attempts > 0 || calls.n > 0;
  if (reading.form === 'blank' && dialed) return 'dialed_but_new';
  if (reading.status === 'new' && dialed && dialedAfterStatusSet(lead, calls)) return 'dialed_but_new';
  if (tracksTooLittle(lead, calls)) return 'missing_dial_tracking';
  if (reading.form === 'blank') return 'null_status';
  if (reading.form === 'alias' || reading.form === 'unknown') return 'unknown_status';
  return null;
}

export interface FixPlan {
  problem: ProblemClass;
  fixable: boolean;
  next: LeadTracking;
  statusChanged: boolean;
}

/** Repairs counters and last dial from the calls (class 2), moving the status as a call would. */
function repairTracking(lead: LeadTracking, calls: CallSummary): LeadTracking {
  const next = { ...lead };
  if (calls.n === 0 || calls.latest === null) return next;
  const latest = calls.latest;
  next.dial_attempts = Math.max(lead.dial_attempts, calls.n);
  next.answered_count = Math.max(lead.answered_count, calls.a);
  next.last_dial_attempt = laterOf(lead.last_dial_attempt, latest.startedAt);
  const newest = lead.last_dial_attempt === null || toMs(latest.startedAt) >= toMs(lead.last_dial_attempt);
  if (newest) {
    next.dial_result = latest.result;
    const afterChange = lead.last_status_change === null || toMs(latest.startedAt) >= toMs(lead.last_status_change);
    if (afterChange && callMayChangeStatus(readStatus(lead.status).status, latest.result)) {
      next.status = latest.result;
      next.last_status_change = latest.startedAt;
    }
  }
  return next;
}

/** The dial outcome a class-1 lead with no calls gets from its `dial_result`. */
function outcomeFromDialResult(dialResult: string | null): Status {
  const status = readStatus(dialResult).status;
  return status !== null && status !== 'new' ? status : 'failed';
}

/**
 * What fixing one lead does, or null when it has no problem. Statuses are always written in
 * catalogue form; an unknown word is left as it is and reported as not fixable.
 */
export function planFix(lead: LeadRow, calls: CallSummary, now: string): FixPlan | null {
  const problem = classifyLead(lead, calls);
  if (problem === null) return null;
  const before = trackingOf(lead);
  let next: LeadTracking;
  switch (problem) {
    case 'dialed_but_new': {
      next = repairTracking(before, calls);
      const status = calls.latest ? calls.latest.result : outcomeFromDialResult(lead.dial_result);
      if (next.status !== status) {
        next.status = status;
        // Set at the time of the evidence it came from, so a later call still moves it.
        next.last_status_change = laterOf(next.last_dial_attempt, calls.latest?.startedAt ?? null) ?? now;
      }
      break;
    }
    case 'missing_dial_tracking':
      next = repairTracking(before, calls);
      break;
    case 'null_status':
      // last_status_change stays as it is: the lead was never dialed, so the first call that
      // comes in must still be able to move it.
      next = { ...before, status: 'new' };
      break;
    case 'unknown_status':
      next = { ...before };
      break;
  }
  // Whatever the class, a word the catalogue knows is written in its catalogue form. Spelling
  // is not a change of outcome, so last_status_change stays.
  const reading = readStatus(next.status);
  if (reading.form === 'alias' && reading.status) next.status = reading.status;
  const fixable = problem !== 'unknown_status' || reading.form !== 'unknown';
  return { problem, fixable, next, statusChanged: next.status !== lead.status };
}
