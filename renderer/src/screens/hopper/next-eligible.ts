// "When do the next leads become eligible?" from an explain: the earliest moment one of the
// waiting rules (retry delay, recycle-rule delay, calling hours) lets its first leads go.
import type { ExclusionRule, HopperExplain } from '../../../../shared/types/hopper';

export interface NextEligible {
  at: string;
  rule: ExclusionRule;
  /** Leads held by that rule (not all of them become eligible at `at`). */
  leads: number;
}

export function nextEligible(explain: HopperExplain): NextEligible | null {
  let best: NextEligible | null = null;
  for (const row of explain.excluded) {
    if (row.count === 0 || !row.next_eligible_at) continue;
    if (!best || Date.parse(row.next_eligible_at) < Date.parse(best.at)) best = { at: row.next_eligible_at, rule: row.rule, leads: row.count };
  }
  return best;
}

/** `YYYY-MM-DDTHH:MM` in the browser's timezone, what a datetime-local field holds. */
export function localInputValue(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
