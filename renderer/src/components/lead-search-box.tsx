// The search box always at hand, in the header: `/` or Ctrl+K (⌘K) focuses it from anywhere.
// Enter searches by id, phone or name; a result opens the lead.
import { useEffect, useRef } from 'react';
import { statusLabel } from '../format/format';
import { useSlice, useStores } from '../stores/stores';

/** `/` only when the supervisor is not typing somewhere else. */
function isShortcut(e: KeyboardEvent): boolean {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') return true;
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const t = e.target as HTMLElement | null;
  return !(t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable));
}

export function LeadSearchBox() {
  const { lead } = useStores();
  const { query, results, searching } = useSlice((s) => s.lead, (s) => s);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcut(e)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const state = lead.getState();
  return (
    <div className="lead-search">
      <form
        role="search"
        aria-label="Find a lead"
        onSubmit={(e) => {
          e.preventDefault();
          void state.search();
        }}
      >
        <input
          ref={input}
          type="search"
          aria-label="Find a lead by id, phone or name"
          placeholder="Find a lead: id, phone or name   ( / or Ctrl+K )"
          value={query}
          maxLength={200}
          onChange={(e) => state.setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') state.clearResults();
          }}
        />
      </form>
      {results ? (
        <div className="lead-results" role="region" aria-label="Search results">
          {results.leads.length === 0 ? (
            <p className="hint">{searching ? 'Searching…' : `No lead matches "${results.query}".`}</p>
          ) : (
            <ul>
              {results.leads.map((l) => (
                <li key={l.id}>
                  <button type="button" className="lead-result" onClick={() => void state.open(l.id)}>
                    <span className="mono">#{l.id}</span> <strong>{[l.first_name, l.last_name].filter(Boolean).join(' ') || '(no name)'}</strong> {l.phone}
                    <span className="hint">
                      {' '}
                      · {l.campaign_name} / {l.list_name} · {statusLabel(l.status)} · {l.dial_attempts} attempts
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {results.next_before_id !== null ? <p className="hint">Newest 20 shown; type more of the number or name to narrow.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
