// The activity report's charts, each with its table: outcomes per quarter hour (stacked) and
// calls with answers per quarter hour. The tables leave out quarter hours without a call.
import { useMemo } from 'react';
import type { ActivityReport, QuarterHour } from '../../../../shared/types/reports';
import { BarChart, type BarChartSpec } from '../../components/charts/bar-chart';
import { ChartFigure } from '../../components/charts/chart-figure';
import { ChartLegend } from '../../components/charts/chart-legend';
import { outcomeColor, paletteFor, sortOutcomes } from '../../components/charts/chart-palette';
import { useColorScheme } from '../../components/charts/use-color-scheme';
import { DataTable, type Column } from '../../components/data-table';
import { count } from '../../format/format';
import { quarterLabel, spansDays } from './report-time';

const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

export function ActivityCharts({ report }: { report: ActivityReport }) {
  const palette = paletteFor(useColorScheme());
  const quarters = report.per_15_minutes;
  const withDate = spansDays(report.from, report.to);
  const busy = quarters.filter((q) => q.calls > 0);
  const outcomes = useMemo(() => sortOutcomes(Object.keys(report.outcomes).filter((o) => report.outcomes[o] > 0)), [report]);
  const x = useMemo(() => quarters.map((q) => seconds(q.start)), [quarters]);

  const stacked = useMemo<BarChartSpec>(
    () => ({
      x,
      xKind: 'time',
      stacked: true,
      series: outcomes.map((o) => ({ label: o, color: outcomeColor(o, palette), values: quarters.map((q) => q.outcomes[o] ?? 0) })),
    }),
    [x, outcomes, quarters, palette],
  );
  const calls = useMemo<BarChartSpec>(
    () => ({
      x,
      xKind: 'time',
      series: [
        { label: 'Calls', color: palette.series[0], values: quarters.map((q) => q.calls) },
        { label: 'Answered', color: palette.series[1], values: quarters.map((q) => q.answered) },
      ],
    }),
    [x, quarters, palette],
  );
  const when: Column<QuarterHour> = { key: 'start', header: 'Quarter hour', className: 'nowrap', cell: (q) => quarterLabel(q.start, withDate) };
  const outcomeColumns: Column<QuarterHour>[] = [
    when,
    ...outcomes.map((o) => ({ key: o, header: o, headerClassName: 'num', className: 'num', cell: (q: QuarterHour) => count(q.outcomes[o] ?? 0) })),
  ];
  const callColumns: Column<QuarterHour>[] = [
    when,
    { key: 'calls', header: 'Calls', headerClassName: 'num', className: 'num', cell: (q) => count(q.calls) },
    { key: 'answered', header: 'Answered', headerClassName: 'num', className: 'num', cell: (q) => count(q.answered) },
  ];
  const empty = 'No call in this period.';
  return (
    // One chart per row: time runs sideways and the outcome table has a column per outcome.
    <div className="chart-stack">
      <ChartFigure
        title="Outcomes over time"
        chart={
          <>
            <BarChart spec={stacked} />
            <ChartLegend items={outcomes.map((o) => ({ label: o, color: outcomeColor(o, palette) }))} />
          </>
        }
        table={<DataTable label="Outcomes per 15 minutes" columns={outcomeColumns} rows={busy} rowKey={(q) => q.start} rowHeader empty={empty} />}
      />
      <ChartFigure
        title="Calls per 15 minutes"
        chart={
          <>
            <BarChart spec={calls} />
            <ChartLegend items={calls.series.map((s) => ({ label: s.label, color: s.color }))} />
          </>
        }
        table={<DataTable label="Calls per 15 minutes" columns={callColumns} rows={busy} rowKey={(q) => q.start} rowHeader empty={empty} />}
      />
    </div>
  );
}
