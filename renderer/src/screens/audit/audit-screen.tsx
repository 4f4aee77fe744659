// Status changes, newest first a page at a time, filtered by list, source, operation, lead,
// phone and dates; Export CSV takes every row of the filter shown.
import { useEffect } from 'react';
import { AUDIT_SOURCES, type AuditRow, type AuditSource } from '../../../../shared/types/audit';
import { DataTable, type Column } from '../../components/data-table';
import { count, dateTime, statusLabel } from '../../format/format';
import { AUDIT_PAGE } from '../../stores/audit-store';
import { useSlice, useStores } from '../../stores/stores';
import { downloadText } from './download';
import { LeadLink } from '../../components/lead-link';

export function AuditScreen() {
  const { audit } = useStores();
  const { filter, rows, loading, exporting, pages, hasOlder } = useSlice((s) => s.audit, (s) => s);
  const campaigns = useSlice((s) => s.navigation, (s) => s.campaigns);
  useEffect(() => {
    void audit.getState().load();
  }, [audit]);
  const listName = new Map(campaigns.flatMap((c) => c.lists.map((l) => [l.id, l.name] as const)));
  const showOperation = (operationId: string) => {
    audit.getState().setFilter({ operationId });
    void audit.getState().load();
  };
  const columns: Column<AuditRow>[] = [
    { key: 'when', header: 'When', className: 'nowrap', cell: (r) => dateTime(r.created_at) },
    { key: 'lead', header: 'Lead', className: 'num', cell: (r) => <LeadLink id={r.lead_id} /> },
    { key: 'list', header: 'List', cell: (r) => (r.list_id === null ? '—' : (listName.get(r.list_id) ?? `#${r.list_id}`)) },
    { key: 'from', header: 'From', cell: (r) => statusLabel(r.old_status) },
    { key: 'to', header: 'To', cell: (r) => statusLabel(r.new_status) },
    { key: 'source', header: 'Source', cell: (r) => r.source },
    {
      key: 'operation',
      header: 'Operation',
      cell: (r) =>
        r.operation_id ? (
          <button type="button" className="link mono" title="Show only this operation" onClick={() => showOperation(r.operation_id!)}>
            {r.operation_id.slice(0, 8)}
          </button>
        ) : (
          '—'
        ),
    },
    { key: 'reason', header: 'Reason', className: 'reason', cell: (r) => r.reason ?? '' },
  ];
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
        <label className="inline">
          Lead
          <input type="number" className="short" min={1} value={filter.leadId} placeholder="id" onChange={(e) => audit.getState().setFilter({ leadId: e.target.value })} />
        </label>
        <label className="inline">
          Phone
          <input type="text" className="phone" value={filter.phone} maxLength={40} placeholder="any spelling, or last 4+ digits" onChange={(e) => audit.getState().setFilter({ phone: e.target.value })} />
        </label>
        <label className="inline">
          From
          <input type="date" value={filter.from} onChange={(e) => audit.getState().setFilter({ from: e.target.value })} />
        </label>
        <label className="inline">
          To
          <input type="date" value={filter.to} onChange={(e) => audit.getState().setFilter({ to: e.target.value })} />
        </label>
        <button type="submit" className="primary" disabled={loading}>
          Apply filters
        </button>
      </form>
      <p className="hint" role="status">
        {loading
          ? 'Loading…'
          : rows.length === 0
            ? ''
            : `Changes ${count(pages.length * AUDIT_PAGE + 1)}–${count(pages.length * AUDIT_PAGE + rows.length)}${hasOlder || pages.length > 0 ? '' : ` of ${count(rows.length)}`}, newest first. Export CSV takes every change of these filters.`}
      </p>
      <DataTable label="Status changes" columns={columns} rows={rows} rowKey={(r) => r.id} empty={loading ? null : 'No status change matches.'} />
      <nav className="pager" aria-label="Audit pages">
        <button type="button" onClick={() => void audit.getState().newer()} disabled={loading || pages.length === 0}>
          ← Newer
        </button>
        <span className="hint">Page {pages.length + 1}</span>
        <button type="button" onClick={() => void audit.getState().older()} disabled={loading || !hasOlder}>
          Older →
        </button>
      </nav>
    </section>
  );
}
