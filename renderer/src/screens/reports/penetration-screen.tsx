// Penetration of a list: how much of it is worked through, per status, per dial attempts and per
// timezone (whose window is open now), with the campaign's other lists beside it. "What if"
// evaluates eligibility at another time.
import { useEffect, useState } from 'react';
import type { PenetrationStatusRow, PenetrationTimezoneRow } from '../../../../shared/types/reports';
import { DataTable, type Column } from '../../components/data-table';
import { Figure } from '../../components/figure';
import { TextFigure } from '../../components/text-figure';
import { count, dateTime, percent, statusLabel } from '../../format/format';
import { useSlice, useStores } from '../../stores/stores';
import { AttemptsHistogram, PenetrationPerList } from './penetration-charts';
import { ReportActions } from './report-actions';
import { fromLocalInput, toLocalInput } from './report-time';

const num = { headerClassName: 'num', className: 'num' };

const STATUS_COLUMNS: Column<PenetrationStatusRow>[] = [
  { key: 'status', header: 'Status', cell: (r) => statusLabel(r.status) },
  { key: 'leads', header: 'Leads', ...num, cell: (r) => count(r.leads) },
  { key: 'called', header: 'Called', ...num, cell: (r) => count(r.called) },
  { key: 'not_called', header: 'Not called', ...num, cell: (r) => count(r.not_called) },
  { key: 'dialable', header: 'Dialable', ...num, cell: (r) => count(r.dialable) },
];

const TIMEZONE_COLUMNS: Column<PenetrationTimezoneRow>[] = [
  { key: 'timezone', header: 'Timezone', cell: (r) => r.timezone },
  { key: 'leads', header: 'Leads', ...num, cell: (r) => count(r.leads) },
  { key: 'called', header: 'Called', ...num, cell: (r) => count(r.called) },
  { key: 'dialable', header: 'Dialable', ...num, cell: (r) => count(r.dialable) },
  { key: 'window', header: 'Calling window', cell: (r) => (r.window_open ? <span className="window-open">open</span> : <span className="window-closed">closed</span>) },
];

function WhatIf({ now, onChange }: { now: string | null; onChange(now: string | null): void }) {
  const [value, setValue] = useState(toLocalInput(now));
  useEffect(() => setValue(toLocalInput(now)), [now]);
  return (
    <form
      className="period-form no-print"
      aria-label="What if"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(fromLocalInput(value));
      }}
    >
      <label>
        Evaluate at <input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit">Show</button>
      {now ? (
        <button type="button" className="link" onClick={() => onChange(null)}>
          Back to now
        </button>
      ) : null}
    </form>
  );
}

export function PenetrationScreen({ listId, title, subtitle, campaignListIds }: { listId: number; title: string; subtitle: string; campaignListIds: number[] }) {
  const { penetration } = useStores();
  const state = useSlice((s) => s.penetration, (s) => s);
  const lists = campaignListIds.join(',');
  useEffect(() => {
    void penetration.getState().load(listId, lists.split(',').map(Number));
  }, [listId, lists, penetration]);
  const { report } = state;
  return (
    <section className="screen report-screen" aria-labelledby="penetration-title">
      <header className="screen-header">
        <div>
          <h1 id="penetration-title">Penetration: {title}</h1>
          <p className="subtitle">
            {subtitle}
            {report ? ` · as of ${dateTime(report.now)}${state.now ? ' (what if)' : ''}` : ''}
          </p>
        </div>
        <ReportActions onRefresh={() => void state.refresh()} onExport={() => void state.exportCsv()} exporting={state.exporting} disabled={!report} />
      </header>
      <WhatIf now={state.now} onChange={(now) => void state.setNow(now)} />
      {report ? (
        <>
          <div className="figures figures-5">
            <Figure label="Leads" value={report.totals.leads} />
            <Figure label="Called" value={report.totals.called} />
            <Figure label="Not called" value={report.totals.not_called} />
            <Figure label="Dialable" value={report.totals.dialable} tone="good" />
            <TextFigure label="Penetration" value={percent(report.penetration)} note={`${count(report.done)} leads done`} />
          </div>
          <section className="panel" aria-labelledby="pen-status-title">
            <h2 id="pen-status-title">By status</h2>
            <DataTable label="Penetration by status" columns={STATUS_COLUMNS} rows={report.statuses} rowKey={(r) => r.status ?? '\u0000'} rowHeader empty="No lead in this list." />
          </section>
          <div className="chart-grid">
            <AttemptsHistogram report={report} />
            {state.lists ? <PenetrationPerList lists={state.lists} currentListId={report.list_id} /> : <p className="loading">Loading the campaign's lists…</p>}
          </div>
          <section className="panel" aria-labelledby="pen-tz-title">
            <h2 id="pen-tz-title">By timezone</h2>
            <DataTable label="Penetration by timezone" columns={TIMEZONE_COLUMNS} rows={report.timezones} rowKey={(r) => r.timezone} rowHeader empty="No lead in this list." />
          </section>
        </>
      ) : state.loading ? (
        <p className="loading">Counting the list…</p>
      ) : null}
    </section>
  );
}
