// The DNC list: look a number up (any spelling), add it, remove it with a reason, import a file
// of numbers, export the list, and the recent changes.
import { useEffect, useState } from 'react';
import { ProgressBar } from '../../components/progress-bar';
import { useSlice, useStores } from '../../stores/stores';
import { FilePicker } from '../imports/file-picker';

export function DncScreen() {
  const { io } = useStores();
  const s = useSlice((st) => st.io, (st) => st);
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => void io.getState().loadChanges(), [io]);
  const listed = s.dncCheck?.listed ?? false;
  return (
    <section className="screen dnc-screen" aria-labelledby="dnc-title">
      <header className="screen-header">
        <div>
          <h1 id="dnc-title">Do-not-call list</h1>
          <p className="subtitle">Numbers are compared by their digits (a leading + kept). Adding one takes its leads out of the hopper at once.</p>
        </div>
      </header>
      <form
        className="import-step"
        onSubmit={(e) => {
          e.preventDefault();
          if (phone.trim()) void s.checkNumber(phone);
        }}
      >
        <label>
          Number <input value={phone} onChange={(e) => setPhone(e.currentTarget.value)} placeholder="+1 212 555 0100" maxLength={64} />
        </label>
        <button type="submit" disabled={s.busy || !phone.trim()}>
          Search
        </button>
        <button type="button" disabled={s.busy || !phone.trim()} onClick={() => void s.addNumber(phone)}>
          Add to the list
        </button>
      </form>
      {s.dncCheck ? (
        <div className="dnc-check" role="status">
          {listed ? (
            <>
              <p>
                <strong>{s.dncCheck.phone}</strong> is on the DNC list (as {s.dncCheck.matches.map((m) => m.phone).join(', ')}).
              </p>
              <label>
                Reason to remove it <input value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
              </label>
              <button type="button" disabled={s.busy || reason.trim().length < 3} onClick={() => void s.removeNumber(s.dncCheck!.phone, reason)}>
                Remove from the list
              </button>
            </>
          ) : (
            <p>
              <strong>{s.dncCheck.phone}</strong> is not on the DNC list.
            </p>
          )}
        </div>
      ) : null}
      {s.dncNotice ? (
        <p className="notice" role="status">
          {s.dncNotice}
        </p>
      ) : null}
      <div className="import-step">
        <FilePicker label="Import a file of numbers" disabled={s.busy} onChoose={(f) => void s.importNumbers(f)} />
        <button type="button" disabled={s.busy} onClick={() => void s.exportNumbers()}>
          Export the list (CSV)
        </button>
        {s.saved ? <span role="status">{s.saved}</span> : null}
      </div>
      {s.progress ? <ProgressBar progress={s.progress} /> : null}
      <table className="data-table" aria-label="Recent DNC changes">
        <caption>Recent changes</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Number</th>
            <th scope="col">Change</th>
            <th scope="col">Reason</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {s.dncChanges.map((c) => (
            <tr key={c.id}>
              <td>{c.changed_at.replace('T', ' ').slice(0, 19)}</td>
              <td>{c.phone}</td>
              <td>{c.action === 'add' ? 'added' : 'removed'}</td>
              <td>{c.reason ?? ''}</td>
              <td>{c.changed_by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
