/** docs/domain.md "Problem leads": each lead counts once, in the first class it matches, in this order. */
export const PROBLEM_CLASSES = ['dialed_but_new', 'missing_dial_tracking', 'null_status', 'unknown_status'] as const;
export type ProblemClass = (typeof PROBLEM_CLASSES)[number];

export const PROBLEM_CLASS_LABEL: Readonly<Record<ProblemClass, string>> = {
  dialed_but_new: 'dialed but still new or blank',
  missing_dial_tracking: 'calls not counted on the lead',
  null_status: 'no status, never dialed',
  unknown_status: 'alias or unknown status word',
};
