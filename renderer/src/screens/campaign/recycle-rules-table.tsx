// The campaign's per-status recycle rules: each with its delay and cap, a note when it changes
// nothing (its status is not recycled here), remove, and a row to add or change one.
import { useState } from 'react';
import { RECYCLABLE_STATUSES } from '../../../../shared/catalogue';
import { checkRecycleRule } from '../../../../shared/campaign/validate-settings';
import { useSlice, useStores } from '../../stores/stores';

const RULE_STATUSES = [...RECYCLABLE_STATUSES, 'contacted', 'callback'];

export function RecycleRulesTable() {
  const { campaign } = useStores();
  const { detail, busy } = useSlice((s) => s.campaign, (s) => s);
  const [status, setStatus] = useState<string>('busy');
  const [delay, setDelay] = useState('60');
  const [max, setMax] = useState('5');
  if (!detail) return null;
  const problems = checkRecycleRule({ status, delay_minutes: /^\d+$/.test(delay) ? Number(delay) : delay, max_attempts: /^\d+$/.test(max) ? Number(max) : max });
  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">Recycle rules</h2>
      <p className="hint">A rule replaces the campaign's retry delay for its status and caps its attempts. A rule for a status the campaign does not recycle changes nothing.</p>
      <table className="data-table" aria-label="Recycle rules">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col" className="num">Delay (min)</th>
            <th scope="col" className="num">Max attempts</th>
            <th scope="col">Note</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.recycle_rules.map((r) => (
            <tr key={r.status}>
              <th scope="row">{r.status}</th>
              <td className="num">{r.delay_minutes}</td>
              <td className="num">{r.max_attempts}</td>
              <td>{r.applies ? '' : 'Not recycled by this campaign: changes nothing'}</td>
              <td>
                <button type="button" aria-label={`Remove rule ${r.status}`} disabled={busy} onClick={() => void campaign.getState().removeRule(r.status)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
          {detail.recycle_rules.length === 0 ? (
            <tr>
              <td colSpan={5}>No rule: every recyclable status follows the campaign's retry delay.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <div className="rule-editor">
        <label>
          Rule status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {RULE_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Rule delay (minutes)
          <input value={delay} onChange={(e) => setDelay(e.target.value)} aria-invalid={problems.some((p) => p.field === 'delay_minutes') || undefined} />
        </label>
        <label>
          Rule max attempts
          <input value={max} onChange={(e) => setMax(e.target.value)} aria-invalid={problems.some((p) => p.field === 'max_attempts') || undefined} />
        </label>
        <button type="button" disabled={busy || problems.length > 0} onClick={() => void campaign.getState().setRule(status, delay, max)}>
          Save rule
        </button>
        {problems.map((p) => (
          <span key={p.field} className="field-problem" role="alert">
            {p.field}: {p.message}
          </span>
        ))}
      </div>
    </section>
  );
}
