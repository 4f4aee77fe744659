// The manual actions on one lead, each with a reason that goes into the audit with the user's name.
import { useState } from 'react';
import { isFinal, normaliseStatus, STATUSES, type Status } from '../../../../shared/catalogue';
import type { LeadStory } from '../../../../shared/types/leads';
import { useSlice, useStores } from '../../stores/stores';

export function LeadActions({ story }: { story: LeadStory }) {
  const { lead } = useStores();
  const { acting, notice } = useSlice((s) => s.lead, (s) => s);
  const [status, setStatus] = useState<Status>('new');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  // The browser's local time, as a person reads the clock; sent as ISO.
  const [dueLocal, setDueLocal] = useState('');
  const [agent, setAgent] = useState('');
  const current = normaliseStatus(story.lead.status);
  const isDnc = current === 'dnc';
  const needsOverride = isFinal(current) && !isDnc;
  const noReason = reason.trim() === '';
  const after = (ok: boolean) => ok && setReason('');
  return (
    <section className="lead-actions" aria-label="Actions">
      <h2>Actions</h2>
      {isDnc ? <p className="hint">This lead is dnc (do not call): its status never changes.</p> : null}
      <label className="block">
        Reason (goes into the audit with your name)
        <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="e.g. customer called in" />
      </label>
      <div className="action-row">
        <label className="inline">
          New status
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)} disabled={isDnc}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {needsOverride ? (
          <label className="inline">
            <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} /> Override the final status {current}
          </label>
        ) : null}
        <button type="button" className="primary" disabled={acting || isDnc || noReason || (needsOverride && !override)} onClick={() => void lead.getState().setStatus(status, reason, override).then(after)}>
          Set status
        </button>
      </div>
      <div className="action-row">
        <button type="button" disabled={acting || isDnc || noReason || story.lead.dial_attempts === 0} onClick={() => void lead.getState().resetAttempts(reason).then(after)}>
          Reset dial attempts ({story.lead.dial_attempts})
        </button>
        <button type="button" className="danger" disabled={acting || noReason || story.phone_on_dnc} onClick={() => void lead.getState().addPhoneToDnc(reason).then(after)}>
          Add phone to DNC list
        </button>
      </div>
      <div className="action-row">
        <label className="inline">
          Callback at
          <input type="datetime-local" value={dueLocal} onChange={(e) => setDueLocal(e.target.value)} />
        </label>
        <label className="inline">
          Agent (empty: anyone)
          <input type="text" value={agent} maxLength={100} onChange={(e) => setAgent(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={acting || noReason || dueLocal === '' || isFinal(current) || story.phone_on_dnc}
          onClick={() => void lead.getState().scheduleCallback(new Date(dueLocal).toISOString(), agent, reason).then((ok) => ok && (setDueLocal(''), after(ok)))}
        >
          Schedule a callback
        </button>
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
