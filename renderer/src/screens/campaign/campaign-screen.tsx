// The Campaign screen (domain.md, second part): settings with inline checks, what a change does
// to the hopper now (explain's eligible-now before and after), recycle rules, lists, history.
import { useEffect } from 'react';
import { count, dateTime } from '../../format/format';
import { Figure } from '../../components/figure';
import { useSlice, useStores } from '../../stores/stores';
import { RecycleRulesTable } from './recycle-rules-table';
import { SettingsForm } from './settings-form';

export function CampaignScreen({ campaignId, campaignName }: { campaignId: number; campaignName: string }) {
  const { campaign, navigation } = useStores();
  const { detail, history, preview, notice, busy } = useSlice((s) => s.campaign, (s) => s);
  useEffect(() => {
    void campaign.getState().load(campaignId);
  }, [campaignId, campaign]);
  return (
    <section className="screen" aria-labelledby="campaign-title">
      <header className="screen-header">
        <div>
          <h1 id="campaign-title">Campaign</h1>
          <p className="subtitle">{campaignName}</p>
        </div>
      </header>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {!detail ? <p className="loading">Loading the campaign…</p> : null}
      {preview ? (
        <section className="panel" aria-labelledby="preview-title">
          <h2 id="preview-title">What this change does to the hopper now</h2>
          <div className="figures">
            <Figure label="Eligible now (before)" value={preview.eligible_before} />
            <Figure label="Eligible now (after)" value={preview.eligible_after} tone="good" />
            <Figure label="Queued rows removed" value={preview.hopper_rows_removed} />
          </div>
        </section>
      ) : null}
      <SettingsForm />
      <RecycleRulesTable />
      {detail ? (
        <section className="panel" aria-labelledby="lists-title">
          <h2 id="lists-title">Lists</h2>
          <ul className="plain-list">
            {detail.lists.map((l) => (
              <li key={l.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={l.active}
                    disabled={busy}
                    onChange={(e) => void campaign.getState().setListActive(l.id, e.target.checked).then(() => navigation.getState().loadCampaigns())}
                  />{' '}
                  {l.name} active
                </label>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Change history</h2>
        <table className="data-table" aria-label="Change history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Field</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
            </tr>
          </thead>
          <tbody>
            {history.map((c) => (
              <tr key={c.id}>
                <td>{dateTime(c.changed_at)}</td>
                <td>{c.changed_by}</td>
                <th scope="row">{c.field}</th>
                <td>{c.old_value ?? '—'}</td>
                <td>{c.new_value ?? '—'}</td>
              </tr>
            ))}
            {history.length === 0 ? (
              <tr>
                <td colSpan={5}>No change recorded yet ({count(0)}).</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
    </section>
  );
}
