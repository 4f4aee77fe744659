// The penetration report's charts, each with its table: leads by dial attempts (the last bucket
// holds the campaign's maximum and above) and the penetration of every list of the campaign.
import { useMemo } from 'react';
import type { AttemptsBucket, PenetrationReport } from '../../../../shared/types/reports';
import { BarChart, type BarChartSpec } from '../../components/charts/bar-chart';
import { ChartFigure } from '../../components/charts/chart-figure';
import { paletteFor } from '../../components/charts/chart-palette';
import { useColorScheme } from '../../components/charts/use-color-scheme';
import { DataTable, type Column } from '../../components/data-table';
import { count, percent } from '../../format/format';
import type { ListPenetration } from '../../stores/penetration-store';

export function attemptsLabel(bucket: AttemptsBucket, max: number): string {
  return bucket.attempts >= max ? `${max}+` : String(bucket.attempts);
}

export function AttemptsHistogram({ report }: { report: PenetrationReport }) {
  const palette = paletteFor(useColorScheme());
  const buckets = report.attempts_histogram;
  const spec = useMemo<BarChartSpec>(
    () => ({
      x: buckets.map((_b, i) => i),
      xKind: 'category',
      categories: buckets.map((b) => attemptsLabel(b, report.max_dial_attempts)),
      series: [{ label: 'Leads', color: palette.series[0], values: buckets.map((b) => b.leads) }],
    }),
    [buckets, report.max_dial_attempts, palette],
  );
  const columns: Column<AttemptsBucket>[] = [
    { key: 'attempts', header: 'Dial attempts', cell: (b) => attemptsLabel(b, report.max_dial_attempts) },
    { key: 'leads', header: 'Leads', headerClassName: 'num', className: 'num', cell: (b) => count(b.leads) },
  ];
  return (
    <ChartFigure
      title="Leads by dial attempts"
      chart={<BarChart spec={spec} />}
      table={<DataTable label="Leads by dial attempts" columns={columns} rows={buckets} rowKey={(b) => b.attempts} rowHeader empty="No lead in this list." />}
    />
  );
}

export function PenetrationPerList({ lists, currentListId }: { lists: ListPenetration[]; currentListId: number }) {
  const palette = paletteFor(useColorScheme());
  const spec = useMemo<BarChartSpec>(
    () => ({
      x: lists.map((_l, i) => i),
      xKind: 'category',
      categories: lists.map((l) => l.list_name),
      yMax: 1,
      yFormat: (v) => `${Math.round(v * 100)}%`,
      series: [{ label: 'Penetration', color: palette.series[1], values: lists.map((l) => l.penetration) }],
    }),
    [lists, palette],
  );
  const columns: Column<ListPenetration>[] = [
    { key: 'list', header: 'List', cell: (l) => (l.list_id === currentListId ? <strong>{l.list_name}</strong> : l.list_name) },
    { key: 'leads', header: 'Leads', headerClassName: 'num', className: 'num', cell: (l) => count(l.leads) },
    { key: 'done', header: 'Done', headerClassName: 'num', className: 'num', cell: (l) => count(l.done) },
    { key: 'penetration', header: 'Penetration', headerClassName: 'num', className: 'num', cell: (l) => percent(l.penetration) },
  ];
  return (
    <ChartFigure
      title="Penetration per list"
      chart={<BarChart spec={spec} />}
      table={<DataTable label="Penetration per list" columns={columns} rows={lists} rowKey={(l) => l.list_id} rowHeader empty="This campaign has no list." />}
    />
  );
}
