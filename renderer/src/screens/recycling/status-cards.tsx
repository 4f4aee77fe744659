// One card per status word in the list: a checkbox named by the word, its count and share,
// bordered by its category (from the one catalogue). Alias spellings are grouped, compactly, under
// the catalogue status they stand for.
import { categoryOfStored, readStatus } from '../../../../shared/catalogue';
import type { StatusCount } from '../../../../shared/types/status';
import { count, percent, statusLabel } from '../../format/format';
import { mayPick, sameStatus } from '../../stores/recycling/recycling-rules';
import { CATEGORY_TEXT, groupSpellings, lockNote, meaningOf } from './status-words';

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
  const { cards, groups } = groupSpellings(statuses);
  const isChecked = (status: string | null) => selection.some((s) => sameStatus(s, status));
  return (
    <div className="status-card-view">
      <ul className="status-cards" aria-label="Statuses in this list">
        {cards.map((row, i) => {
          const category = categoryOfStored(row.status);
          const checked = isChecked(row.status);
          const pickable = mayPick(row.status, override);
          const id = `status-card-${i}`;
          const note = lockNote(row.status, override);
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
                  {statusLabel(row.status)}
                </span>
                <span className="status-count">{count(row.count)}</span>
                <span id={`${id}-detail`} className="status-detail">
                  <span className="status-share">{percent(row.share)}</span>
                  <span className={`category-tag tag-${category}`}>{CATEGORY_TEXT[category]}</span>
                  {note ? <span className="status-note">{note}</span> : <span className="status-meaning">{row.saved_alias ? `saved alias of ${row.saved_alias}` : meaningOf(row.status)}</span>}
                </span>
              </label>
              {onMap && row.status !== null && readStatus(row.status).form === 'unknown' ? (
                <button type="button" className="link map-word" disabled={disabled} onClick={() => onMap(row.status!)} aria-label={`Map ${statusLabel(row.status)} to…`}>
                  Map to…
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {groups.length > 0 ? (
        <section className="spellings" aria-labelledby="spellings-title">
          <h3 id="spellings-title">Other spellings of catalogue statuses</h3>
          <p className="hint">Each is a problem word: Fix Problematic Leads rewrites it to its catalogue status.</p>
          {groups.map((g) => {
            const chosen = g.rows.filter((r) => isChecked(r.status)).length;
            return (
              <details key={g.status} className="spelling-group" open={chosen > 0 || undefined}>
                <summary>
                  <code>{g.status}</code>: {g.rows.length} {g.rows.length === 1 ? 'spelling' : 'spellings'}, {count(g.total)} leads
                  {chosen > 0 ? `, ${chosen} selected` : ''}
                </summary>
                <ul className="spelling-list" aria-label={`Spellings of ${g.status}`}>
                  {g.rows.map((row) => {
                    const note = lockNote(row.status, override);
                    const pickable = mayPick(row.status, override);
                    const checked = isChecked(row.status);
                    return (
                      <li key={row.status ?? '\u0000'}>
                        <label className={`spelling${pickable ? '' : ' locked'}`}>
                          <input type="checkbox" checked={checked} disabled={disabled || (!pickable && !checked)} onChange={() => onToggle(row.status)} aria-label={statusLabel(row.status)} />
                          <span className="status-word">{statusLabel(row.status)}</span>
                          <span className="spelling-count">{count(row.count)}</span>
                          {note ? <span className="status-note">{note}</span> : null}
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </details>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}
