// domain.md "Applying a call to its lead", rules 1-6, as a pure function: the same code runs for
// a live dial result, the sync job and the property tests.
import { callMayChangeStatus, isAnswered, normaliseStatus, type Status } from '../../../shared/catalogue';
import { toMs } from '../../db/time';
import type { LeadTracking } from '../leads/lead-tracking';

export interface CallFacts {
  startedAt: string;
  /** The result after alias and hangup-cause classification. */
  result: Status;
}

export interface CallOutcome {
  next: LeadTracking;
  statusChanged: boolean;
  /** The lead was `dnc` when the call was made: a compliance incident. */
  calledDncLead: boolean;
}

const notOlder = (t: string, than: string | null) => than === null || toMs(t) >= toMs(than);

export function applyCallRule(lead: LeadTracking, call: CallFacts): CallOutcome {
  const t = call.startedAt;
  const r = call.result;
  const current = normaliseStatus(lead.status);
  const next: LeadTracking = { ...lead };

  next.dial_attempts = lead.dial_attempts + 1;
  next.last_dial_attempt = notOlder(t, lead.last_dial_attempt) ? t : lead.last_dial_attempt;
  if (isAnswered(r)) next.answered_count = lead.answered_count + 1;

  const newestDial = notOlder(t, lead.last_dial_attempt);
  if (newestDial) next.dial_result = r;

  let statusChanged = false;
  if (newestDial && notOlder(t, lead.last_status_change) && callMayChangeStatus(current, r) && lead.status !== r) {
    next.status = r;
    // The call's own start, not the time it was applied: a later-started call that is applied
    // afterwards must still win, whatever order the dialer reports them in.
    next.last_status_change = t;
    statusChanged = true;
  }
  return { next, statusChanged, calledDncLead: current === 'dnc' };
}
