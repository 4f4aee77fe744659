// Status changes, newest first, filtered by list, source and operation.
import { useEffect } from 'react';
import { AUDIT_SOURCES, type AuditSource } from '../../../../shared/types/audit';
import { count, dateTime, statusLabel } from '../../format/format';
import { useSlice, useStores } from '../../stores/stores';
import { downloadText } from './download';
import { LeadLink } from '../../components/lead-link';

export function AuditPanel() {
  const { audit } = useStores();
  const { filter, rows, loading, exporting } = useSlice((s) => s.audit, (s) => s);
  const campaigns = useSlice((s) => s.navigation, (s) => s.campaigns);
  useEffect(() => {
    void audit.getState().load();
  }, [audit]);
  const listName = new Map(campaigns.flatMap((c) => c.lists.map((l) => [l.id, l.name] as const)));
  const exportCsv = async () => {
    const file = await audit.getState().exportCsv();
    if (file) downloadText(file.filename, file.csv);
  };
  return (
    <section className="screen" aria-labelledby="audit-title">
      <header className="screen-header">
        <div>
          <h1 id="audit-title">Audit</h1>
          <p className="subtitle">Every status change, with its source and operation</p>
        </div>
        <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
          Export CSV
        </button>
      </header>
      <form
        className="filters"
        aria-label="Audit filters"
        onSubmit={(e) => {
          e.preventDefault();
          void audit.getState().load();
        }}
      >
        <label className="inline">
          List
          <select value={filter.listId ?? ''} onChange={(e) => audit.getState().setFilter({ listId: e.target.value ? Number(e.target.value) : null })}>
            <option value="">All lists</option>
            {campaigns.map((c) => (
              <optgroup key={c.id} label={c.name}>
                {c.lists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="inline">
          Source
          <select value={filter.source ?? ''} onChange={(e) => audit.getState().setFilter({ source: (e.target.value || null) as AuditSource | null })}>
            <option value="">All sources</option>
            {AUDIT_SOURCES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="inline grow">
          Operation
          <input type="text" value={filter.operationId} maxLength={64} placeholder="operation id" onChange={(e) => audit.getState().setFilter({ operationId: e.target.value })} />
        </label>
        <button type="submit" className="primary" disabled={loading}>
          Apply filters
        </button>
      </form>
      <p className="hint">{loading ? 'Loading…' : rows.length >= 200 ? `The newest ${count(rows.length)} changes; narrow the filters to see older ones.` : `${count(rows.length)} changes, newest first.`}</p>
      <table className="data-table" aria-label="Status changes">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Lead</th>
            <th scope="col">List</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Source</th>
            <th scope="col">Operation</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">{dateTime(r.created_at)}</td>
              <td className="num">
                <LeadLink id={r.lead_id} />
              </td>
              <td>{r.list_id === null ? '—' : (listName.get(r.list_id) ?? `#${r.list_id}`)}</td>
              <td>{statusLabel(r.old_status)}</td>
              <td>{statusLabel(r.new_status)}</td>
              <td>{r.source}</td>
              <td>
                {r.operation_id ? (
                  <button
                    type="button"
                    className="link mono"
                    title="Show only this operation"
                    onClick={() => {
                      audit.getState().setFilter({ operationId: r.operation_id! });
                      void audit.getState().load();
                    }}
                  >
                    {r.operation_id.slice(0, 8)}
                  </button>
                ) : (
                  '—'
                )}
              </td>
              <td className="reason">{r.reason ?? ''}</td>
            </tr>
          ))}
          {rows.length === 0 && !loading ? (
            <tr>
              <td colSpan={8}>No status change matches.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
