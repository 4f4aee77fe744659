// The explain's calling window per lead timezone (what `hopper explain` prints): the local time
// there, whether the window is open, and when it opens.
import type { HopperExplain, TimezoneWindowState } from '../../../../shared/types/hopper';
import { DataTable, type Column } from '../../components/data-table';
import { count, dateTime } from '../../format/format';

const COLUMNS: Column<TimezoneWindowState>[] = [
  { key: 'zone', header: 'Timezone', cell: (z) => z.timezone },
  { key: 'leads', header: 'Leads', headerClassName: 'num', className: 'num', cell: (z) => count(z.leads) },
  { key: 'local', header: 'Local time', className: 'nowrap', cell: (z) => z.local_time ?? '—' },
  {
    key: 'window',
    header: 'Window',
    cell: (z) =>
      !z.valid ? <span className="outcome outcome-failed">unknown timezone: never called</span> : z.open ? <span className="outcome outcome-ok">open</span> : <span className="outcome outcome-skipped">closed</span>,
  },
  { key: 'opens', header: 'Opens', className: 'nowrap', cell: (z) => (z.valid && !z.open ? dateTime(z.next_open_at) : '—') },
];

export function TimezoneTable({ explain }: { explain: HopperExplain }) {
  const w = explain.calling_window;
  if (!w || !explain.timezones) return null;
  return (
    <section className="panel" aria-labelledby="zones-title">
      <h2 id="zones-title">Calling window by timezone</h2>
      <p className="hint">
        {w.valid ? `Leads are called from ${w.start} to ${w.end}, their local time.` : `The window ${w.start}–${w.end} is not valid: the campaign calls nobody until it is fixed.`}
      </p>
      <DataTable label="Calling window by timezone" columns={COLUMNS} rows={explain.timezones} rowKey={(z) => z.timezone} rowHeader empty="The campaign has no lead." />
    </section>
  );
}
