// One card per status present in the list: a checkbox named by the status word, its count and
// share, bordered by its category (from the one catalogue).
import { categoryOfStored, readStatus, STATUS_MEANING } from '../../../../shared/catalogue';
import type { StatusCount } from '../../../../shared/types/status';
import { count, percent, statusLabel } from '../../format/format';
import { isNeverRecyclable, mayPick, needsOverride, sameStatus } from '../../stores/recycling/recycling-rules';

const CATEGORY_TEXT = {
  fresh: 'new',
  recyclable: 'recyclable',
  worked: 'worked',
  final: 'final',
  problematic: 'problematic',
} as const;

/** What a stored word means: its catalogue meaning, the word an alias stands for, or why it is a problem. */
function meaningOf(stored: string | null): string {
  const reading = readStatus(stored);
  if (reading.form === 'catalogue' && reading.status) return STATUS_MEANING[reading.status];
  if (reading.form === 'alias' && reading.status) return `spelling of ${reading.status}`;
  // The card counts every lead with this word; the problem banner counts only those a fix changes.
  if (reading.form === 'blank') return stored === null ? 'every lead with no status, dialed or not' : 'every lead with a blank status, dialed or not';
  return 'unknown word: only a person can say';
}

export interface StatusCardsProps {
  statuses: StatusCount[];
  selection: (string | null)[];
  override: boolean;
  disabled: boolean;
  onToggle(status: string | null): void;
}

export function StatusCards({ statuses, selection, override, disabled, onToggle }: StatusCardsProps) {
  return (
    <ul className="status-cards" aria-label="Statuses in this list">
      {statuses.map((row, i) => {
        const category = categoryOfStored(row.status);
        const label = statusLabel(row.status);
        const checked = selection.some((s) => sameStatus(s, row.status));
        const pickable = mayPick(row.status, override);
        const id = `status-card-${i}`;
        const note = isNeverRecyclable(row.status)
          ? 'never recycled (do not call)'
          : needsOverride(row.status) && !override
            ? 'final: needs an override'
            : null;
        const meaning = meaningOf(row.status);
        return (
          <li key={`${row.status ?? '\u0000'}`} className={`status-card cat-${category}${checked ? ' checked' : ''}${pickable ? '' : ' locked'}`}>
            <input
              type="checkbox"
              id={id}
              checked={checked}
              disabled={disabled || (!pickable && !checked)}
              onChange={() => onToggle(row.status)}
              aria-labelledby={`${id}-word`}
              aria-describedby={`${id}-detail`}
            />
            <label htmlFor={id} className="status-card-body">
              <span className="status-word" id={`${id}-word`}>
                {label}
              </span>
              <span className="status-count">{count(row.count)}</span>
              <span id={`${id}-detail`} className="status-detail">
                <span className="status-share">{percent(row.share)}</span>
                <span className={`category-tag tag-${category}`}>{CATEGORY_TEXT[category]}</span>
                {note ? <span className="status-note">{note}</span> : meaning ? <span className="status-meaning">{meaning}</span> : null}
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
