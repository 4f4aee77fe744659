import { isFinal, normaliseStatus, type Status } from './statuses';

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
 * What a recycle may do with a stored status word (docs/domain.md "Recycling a list and undo"): `dnc` in any
 * spelling never moves, other finals only with an override, everything else moves. The
 * recycling screen and the recycle service both ask this.
 */
export type RecycleRule = 'never' | 'needs_override' | 'allowed';

export function recycleRuleOf(stored: string | null): RecycleRule {
  const status = normaliseStatus(stored);
  if (status === 'dnc') return 'never';
  return isFinal(status) ? 'needs_override' : 'allowed';
}
