// Each report as CSV (spreadsheet-safe cells, csv-writer.ts): one table per part of the report,
// each with its own header row, a blank line between them, so a spreadsheet shows them one under
// another as the screen does.
import { PassThrough, type Writable } from 'node:stream';
import type { ActivityReport, PenetrationReport, ReportCsv } from '../../../shared/types/reports';
import { CsvWriter, type CsvValue } from '../exports/csv-writer';

type Table = { header: string[]; rows: CsvValue[][] };

async function writeTables(out: Writable, tables: readonly Table[]): Promise<number> {
  const writer = new CsvWriter(out);
  for (const [i, t] of tables.entries()) {
    if (i > 0) await writer.write([[]]);
    await writer.write([t.header]);
    await writer.writeRows(t.rows);
  }
  return writer.rows;
}

const share = (x: number | null) => (x === null ? null : x.toFixed(4));

export function penetrationTables(r: PenetrationReport): Table[] {
  const counts = (label: CsvValue, c: { leads: number; called: number; not_called: number; dialable: number }): CsvValue[] => [label, c.leads, c.called, c.not_called, c.dialable];
  return [
    { header: ['list_id', 'list_name', 'campaign_id', 'now', 'done', 'penetration'], rows: [[r.list_id, r.list_name, r.campaign_id, r.now, r.done, share(r.penetration)]] },
    { header: ['status', 'leads', 'called', 'not_called', 'dialable'], rows: [...r.statuses.map((s) => counts(s.status ?? '(blank)', s)), counts('total', r.totals)] },
    { header: ['attempts', 'leads'], rows: r.attempts_histogram.map((b, i, all) => [i === all.length - 1 ? `${b.attempts}+` : b.attempts, b.leads]) },
    { header: ['timezone', 'leads', 'called', 'dialable', 'window_open'], rows: r.timezones.map((z) => [z.timezone, z.leads, z.called, z.dialable, z.window_open ? 'yes' : 'no']) },
  ];
}

export function activityTables(r: ActivityReport): Table[] {
  const outcomes = Object.keys(r.outcomes);
  return [
    {
      header: ['campaign_id', 'campaign_name', 'from', 'to', 'calls', 'answered', 'abandon_rate_30d', 'abandon_flag', 'runs_dry_at', 'runs_dry_note'],
      rows: [[r.campaign_id, r.campaign_name, r.from, r.to, r.calls, r.answered, share(r.abandon_rate_30d), r.abandon_flag ? 'yes' : 'no', r.runs_dry_at, r.runs_dry_note]],
    },
    { header: ['outcome', 'calls'], rows: Object.entries(r.outcomes).map(([o, n]) => [o, n]) },
    { header: ['start', 'calls', 'answered', ...outcomes], rows: r.per_15_minutes.map((q) => [q.start, q.calls, q.answered, ...outcomes.map((o) => q.outcomes[o] ?? 0)]) },
  ];
}

/** The tables as one CSV text (the IPC channels hand it to the window to save). */
export async function reportCsv(filename: string, tables: readonly Table[]): Promise<ReportCsv> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const rows = await writeTables(out, tables);
  out.end();
  return { filename, csv: Buffer.concat(chunks).toString('utf8'), rows };
}

export { writeTables };
