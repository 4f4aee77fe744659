import { isFinal, type Status } from './statuses';

/**
 * The transition rule for calls and fixes: a final status never changes except to `dnc`,
 * and `dnc` never changes at all. `from` is the normalised current status (null when blank
 * or unknown, which any result may replace).
 */
export function callMayChangeStatus(from: Status | null, to: Status): boolean {
  if (from === 'dnc') return false;
  if (isFinal(from)) return to === 'dnc';
  return true;
}

/**
 * What a supervisor's recycle may do: `dnc` never moves; other finals only with an explicit
 * override (and a reason, checked by the caller).
 */
export function recycleMayChangeStatus(from: Status | null, withFinalOverride: boolean): boolean {
  if (from === 'dnc') return false;
  if (isFinal(from)) return withFinalOverride;
  return true;
}
