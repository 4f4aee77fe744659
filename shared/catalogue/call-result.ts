import { classifyHangupCause } from './hangup-causes';
import { readStatus, type SavedAliases, type Status } from './statuses';

/**
 * The result of one call after alias and hangup-cause classification.
 * A NULL or blank result is classified from the hangup cause. A result word that is unknown
 * (not in the catalogue, not an alias) is also classified from the hangup cause, because a
 * dialer-specific word tells less than the cause does; with no cause it is `failed`.
 * A call can never put a lead back to `new`: a `new` result counts as `failed`.
 */
export function classifyCallResult(
  result: string | null | undefined,
  hangupCause: string | number | null | undefined,
  saved?: SavedAliases,
): Status {
  const reading = readStatus(result, saved);
  if (reading.status && reading.status !== 'new') return reading.status;
  return classifyHangupCause(hangupCause);
}
