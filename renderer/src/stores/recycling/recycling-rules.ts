// What the recycling screen may offer for a stored status word, from the one catalogue.
import { categoryOfStored, recycleRuleOf } from '../../../../shared/catalogue';
import type { StatusCount } from '../../../../shared/types/status';

/** `dnc` (in any spelling) never moves; other finals only with an override. */
export function isNeverRecyclable(stored: string | null): boolean {
  return recycleRuleOf(stored) === 'never';
}

export function needsOverride(stored: string | null): boolean {
  return recycleRuleOf(stored) === 'needs_override';
}

export function mayPick(stored: string | null, override: boolean): boolean {
  const rule = recycleRuleOf(stored);
  return rule === 'allowed' || (rule === 'needs_override' && override);
}

export function isRecyclableWord(stored: string | null): boolean {
  return categoryOfStored(stored) === 'recyclable';
}

export function sameStatus(a: string | null, b: string | null): boolean {
  return a === b;
}

export function sumCounts(statuses: StatusCount[], chosen: (string | null)[], filter: (s: string | null) => boolean = () => true): number {
  let sum = 0;
  for (const row of statuses) if (chosen.some((c) => sameStatus(c, row.status)) && filter(row.status)) sum += row.count;
  return sum;
}
