// The Callbacks screen (domain.md "Callbacks"): overdue, due now, later today, later, each with
// who it is for; cancel one; schedule one.
import { useEffect, useState } from 'react';
import type { CallbackRow, CallbackTiming } from '../../../../shared/types/callbacks';
import { dateTime } from '../../format/format';
import { useSlice, useStores } from '../../stores/stores';

const GROUPS: { timing: CallbackTiming; title: string }[] = [
  { timing: 'overdue', title: 'Overdue' },
  { timing: 'due', title: 'Due now' },
  { timing: 'later_today', title: 'Later today' },
  { timing: 'later', title: 'Later' },
];

function CallbackTable({ title, rows, onCancel, busy }: { title: string; rows: CallbackRow[]; onCancel: (id: number) => void; busy: boolean }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>
        {title} ({rows.length})
      </h2>
      {rows.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <table className="data-table" aria-label={`${title} callbacks`}>
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Lead</th>
              <th scope="col">Phone</th>
              <th scope="col">For</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.due_at)}</td>
                <th scope="row">
                  #{r.lead_id} {[r.first_name, r.last_name].filter(Boolean).join(' ')}
                </th>
                <td>{r.phone}</td>
                <td>{r.scope === 'agent' ? r.agent : 'anyone'}</td>
                <td>{r.note ?? ''}</td>
                <td>
                  <button type="button" aria-label={`Cancel callback ${r.id}`} disabled={busy} onClick={() => onCancel(r.id)}>
                    Cancel
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function CallbacksScreen({ campaignId, campaignName }: { campaignId: number; campaignName: string }) {
  const { callbacks } = useStores();
  const { rows, busy, notice } = useSlice((s) => s.callbacks, (s) => s);
  const [lead, setLead] = useState('');
  const [due, setDue] = useState('');
  const [agent, setAgent] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    void callbacks.getState().load(campaignId);
  }, [campaignId, callbacks]);
  const agents = [...new Set(rows.filter((r) => r.scope === 'agent').map((r) => r.agent ?? ''))].sort();
  const dueTime = due === '' ? NaN : Date.parse(due);
  const leadOk = /^\d+$/.test(lead.trim());
  const cancel = (id: number) => void callbacks.getState().cancel(id);
  return (
    <section className="screen" aria-labelledby="callbacks-title">
      <header className="screen-header">
        <div>
          <h1 id="callbacks-title">Callbacks</h1>
          <p className="subtitle">{campaignName}</p>
        </div>
        <div className="header-actions">
          <button type="button" onClick={() => void callbacks.getState().load(campaignId)} disabled={busy}>
            Refresh
          </button>
        </div>
      </header>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {GROUPS.map((g) => (
        <CallbackTable key={g.timing} title={g.title} rows={rows.filter((r) => r.timing === g.timing)} onCancel={cancel} busy={busy} />
      ))}
      {agents.length > 0 ? (
        <section className="panel" aria-labelledby="by-agent-title">
          <h2 id="by-agent-title">By agent</h2>
          <ul className="plain-list">
            {agents.map((a) => (
              <li key={a}>
                {a}: {rows.filter((r) => r.agent === a).length} pending
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form
        className="panel settings-form"
        aria-labelledby="schedule-title"
        onSubmit={(e) => {
          e.preventDefault();
          void callbacks.getState().add({ leadId: Number(lead), dueAt: new Date(dueTime).toISOString(), agent: agent.trim() || undefined, note: note.trim() || undefined });
        }}
      >
        <h2 id="schedule-title">Schedule a callback</h2>
        <div className="form-field">
          <label htmlFor="cb-lead">Lead id</label>
          <input id="cb-lead" value={lead} onChange={(e) => setLead(e.target.value)} aria-invalid={lead !== '' && !leadOk ? true : undefined} />
        </div>
        <div className="form-field">
          <label htmlFor="cb-due">Due (local time)</label>
          <input id="cb-due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="cb-agent">Agent (empty: anyone)</label>
          <input id="cb-agent" value={agent} onChange={(e) => setAgent(e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="cb-note">Note</label>
          <input id="cb-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !leadOk || !Number.isFinite(dueTime)}>
            Schedule
          </button>
        </div>
      </form>
    </section>
  );
}
