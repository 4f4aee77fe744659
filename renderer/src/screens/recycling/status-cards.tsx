// One card per status present in the list: a checkbox named by the status word, its count and
// share, bordered by its category (from the one catalogue).
import { CATEGORY_LABEL, categoryOfStored, readStatus, STATUS_MEANING } from '../../../../shared/catalogue';
import type { StatusCount } from '../../../../shared/types/status';
import { count, percent, statusLabel } from '../../format/format';
import { isNeverRecyclable, mayPick, needsOverride, sameStatus } from '../../stores/recycling/recycling-rules';


/** What a stored word means: its catalogue meaning, the word an alias stands for, or why it is a problem. */
function meaningOf(stored: string | null): string {
  const reading = readStatus(stored);
  if (reading.form === 'catalogue' && reading.status) return STATUS_MEANING[reading.status];
  if (reading.form === 'alias' && reading.status) return `spelling of ${reading.status}`;
  if (reading.form === 'blank') return 'blank: needs a fix';
  return 'unknown word: only a person can say';
}

export interface StatusCardsProps {
  statuses: StatusCount[];
  selection: (string | null)[];
  override: boolean;
  disabled: boolean;
  onToggle(status: string | null): void;
  /** "Map to…" on an unknown word's card. */
  onMap?(word: string): void;
}

export function StatusCards({ statuses, selection, override, disabled, onToggle, onMap }: StatusCardsProps) {
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
        const meaning = row.saved_alias ? `saved alias of ${row.saved_alias}` : meaningOf(row.status);
        const unknown = row.status !== null && readStatus(row.status).form === 'unknown';
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
                <span className={`category-tag tag-${category}`}>{CATEGORY_LABEL[category]}</span>
                {note ? <span className="status-note">{note}</span> : meaning ? <span className="status-meaning">{meaning}</span> : null}
              </span>
            </label>
            {unknown && onMap ? (
              <button type="button" className="link map-word" disabled={disabled} onClick={() => onMap(row.status!)} aria-label={`Map ${label} to…`}>
                Map to…
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
