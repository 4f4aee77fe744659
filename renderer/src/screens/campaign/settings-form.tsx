// The campaign's settings as a form: each field labelled, its problem shown inline as it is typed
// (the service's own check, shared), preview and save only when every field is right.
import { LEAD_ORDERS, LEAD_ORDER_MEANING } from '../../../../shared/campaign/lead-orders';
import type { Draft } from '../../stores/campaign-store';
import { useSlice, useStores } from '../../stores/stores';

const FIELDS: { field: keyof Draft; label: string; kind?: 'number' | 'text' | 'time' }[] = [
  { field: 'name', label: 'Name' },
  { field: 'retry_delay_minutes', label: 'Retry delay (minutes)', kind: 'number' },
  { field: 'dropped_retry_delay_minutes', label: 'Dropped retry delay (minutes)', kind: 'number' },
  { field: 'max_dial_attempts', label: 'Max dial attempts', kind: 'number' },
  { field: 'hopper_target', label: 'Hopper target', kind: 'number' },
  { field: 'recyclable_statuses', label: 'Recyclable statuses (comma-separated)' },
  { field: 'call_window_start', label: 'Calling window start (HH:MM)', kind: 'time' },
  { field: 'call_window_end', label: 'Calling window end (HH:MM)', kind: 'time' },
  { field: 'timezone', label: 'Timezone (IANA)' },
  { field: 'new_every', label: 'Every Nth lead new (0 = off, 2–6)', kind: 'number' },
  { field: 'agent_callback_minutes', label: 'Agent callbacks to anyone after (minutes, 0 = never)', kind: 'number' },
];

export function SettingsForm() {
  const { campaign } = useStores();
  const { draft, problems, busy } = useSlice((s) => s.campaign, (s) => s);
  if (!draft) return null;
  const st = campaign.getState();
  const problemOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const input = (field: keyof Draft, label: string) => {
    const problem = problemOf(field);
    const id = `campaign-${field}`;
    return (
      <div className="form-field" key={field}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          value={String(draft[field])}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => st.edit(field, e.target.value)}
        />
        {problem ? (
          <span id={`${id}-problem`} className="field-problem" role="alert">
            {problem}
          </span>
        ) : null}
      </div>
    );
  };
  return (
    <form
      className="panel settings-form"
      aria-labelledby="campaign-settings-title"
      onSubmit={(e) => {
        e.preventDefault();
        void st.save();
      }}
    >
      <h2 id="campaign-settings-title">Settings</h2>
      <div className="form-field">
        <label>
          <input type="checkbox" checked={draft.active === true} onChange={(e) => st.edit('active', e.target.checked)} /> Campaign active
        </label>
      </div>
      {FIELDS.map((f) => input(f.field, f.label))}
      <div className="form-field">
        <label htmlFor="campaign-lead_order">Lead order</label>
        <select id="campaign-lead_order" value={String(draft.lead_order)} onChange={(e) => st.edit('lead_order', e.target.value)}>
          {LEAD_ORDERS.map((o) => (
            <option key={o} value={o}>
              {o} — {LEAD_ORDER_MEANING[o]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-actions">
        <button type="button" onClick={() => void st.previewChange()} disabled={busy || problems.length > 0}>
          Preview effect
        </button>
        <button type="submit" className="primary" disabled={busy || problems.length > 0}>
          Save changes
        </button>
      </div>
    </form>
  );
}
