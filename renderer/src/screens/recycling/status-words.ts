// What a stored status word means and what the recycling screen may do with it: shared by the
// cards and the table view.
import { categoryOfStored, readStatus, STATUS_MEANING, STATUSES, type Status } from '../../../../shared/catalogue';
import type { StatusCount } from '../../../../shared/types/status';
import { isNeverRecyclable, needsOverride } from '../../stores/recycling/recycling-rules';

export const CATEGORY_TEXT = {
  fresh: 'new',
  recyclable: 'recyclable',
  worked: 'worked',
  final: 'final',
  problematic: 'problematic',
} as const;

/** What a stored word means: its catalogue meaning, the word an alias stands for, or why it is a problem. */
export function meaningOf(stored: string | null): string {
  const reading = readStatus(stored);
  if (reading.form === 'catalogue' && reading.status) return STATUS_MEANING[reading.status];
  if (reading.form === 'alias' && reading.status) return `spelling of ${reading.status}`;
  // The card counts every lead with this word; the problem banner counts only those a fix changes.
  if (reading.form === 'blank') return stored === null ? 'every lead with no status, dialed or not' : 'every lead with a blank status, dialed or not';
  return 'unknown word: only a person can say';
}

/** Why a word cannot be picked right now, or null. */
export function lockNote(stored: string | null, override: boolean): string | null {
  if (isNeverRecyclable(stored)) return 'never recycled (do not call)';
  if (needsOverride(stored) && !override) return 'final: needs an override';
  return null;
}

export function categoryText(stored: string | null): string {
  return CATEGORY_TEXT[categoryOfStored(stored)];
}

export interface SpellingGroup {
  status: Status;
  rows: StatusCount[];
  total: number;
}

/**
 * Alias spellings (`NA`, `no answer`, ` FAILED `) go under the catalogue status they stand for, so
 * a list with many odd words shows one line per status instead of a card per spelling; every
 * other word keeps its own card.
 */
export function groupSpellings(statuses: StatusCount[]): { cards: StatusCount[]; groups: SpellingGroup[] } {
  const cards: StatusCount[] = [];
  const byStatus = new Map<Status, StatusCount[]>();
  for (const row of statuses) {
    const reading = readStatus(row.status);
    if (reading.form === 'alias' && reading.status) byStatus.set(reading.status, [...(byStatus.get(reading.status) ?? []), row]);
    else cards.push(row);
  }
  const groups = STATUSES.filter((s) => byStatus.has(s)).map((status) => {
    const rows = [...byStatus.get(status)!].sort((a, b) => b.count - a.count);
    return { status, rows, total: rows.reduce((n, r) => n + r.count, 0) };
  });
  return { cards, groups };
}
