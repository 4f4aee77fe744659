// A campaign's activity over a period: calls and answers, the outcome mix and its course per
// quarter hour, the 30-day abandon rate against the 3% limit, and when the campaign runs dry.
import { useEffect } from 'react';
import { sortOutcomes } from '../../components/charts/chart-palette';
import { DataTable, type Column } from '../../components/data-table';
import { Figure } from '../../components/figure';
import { TextFigure } from '../../components/text-figure';
import { count, dateTime, percent } from '../../format/format';
import { useSlice, useStores } from '../../stores/stores';
import { ABANDON_LIMIT, rate, runsDryText } from '../live/live-text';
import { ActivityCharts } from './activity-charts';
import { PeriodForm } from './period-form';
import { ReportActions } from './report-actions';

interface OutcomeRow {
  outcome: string;
  calls: number;
  share: number;
}

const OUTCOME_COLUMNS: Column<OutcomeRow>[] = [
  { key: 'outcome', header: 'Outcome', cell: (r) => r.outcome },
  { key: 'calls', header: 'Calls', headerClassName: 'num', className: 'num', cell: (r) => count(r.calls) },
  { key: 'share', header: 'Share', headerClassName: 'num', className: 'num', cell: (r) => percent(r.share) },
];

export function ActivityScreen({ campaignId, campaignName }: { campaignId: number; campaignName: string }) {
  const { activity } = useStores();
  const state = useSlice((s) => s.activity, (s) => s);
  useEffect(() => {
    void activity.getState().load(campaignId);
  }, [campaignId, activity]);
  const { report } = state;
  const outcomes: OutcomeRow[] = report
    ? sortOutcomes(Object.keys(report.outcomes)).map((outcome) => ({ outcome, calls: report.outcomes[outcome], share: report.calls ? report.outcomes[outcome] / report.calls : 0 }))
    : [];
  return (
    <section className="screen report-screen" aria-labelledby="activity-title">
      <header className="screen-header">
        <div>
          <h1 id="activity-title">Activity: {campaignName}</h1>
          <p className="subtitle">{report ? `${dateTime(report.from)} to ${dateTime(report.to)}` : 'Today so far'}</p>
        </div>
        <ReportActions onRefresh={() => void state.refresh()} onExport={() => void state.exportCsv()} exporting={state.exporting} disabled={!report} />
      </header>
      <PeriodForm period={state.period} shownFrom={report?.from} shownTo={report?.to} onChange={(p) => void state.setPeriod(p)} />
      {report ? (
        <>
          <div className="figures">
            <Figure label="Calls" value={report.calls} />
            <Figure label="Answered" value={report.answered} tone="good" />
            <TextFigure
              label="Abandon rate, 30 days"
              value={rate(report.abandon_rate_30d)}
              tone={report.abandon_flag ? 'bad' : 'plain'}
              note={
                report.abandon_flag ? (
                  <strong className="flag">Above the {rate(ABANDON_LIMIT)} limit</strong>
                ) : (
                  `${count(report.abandon_30d.dropped)} dropped of ${count(report.abandon_30d.answered + report.abandon_30d.dropped)}`
                )
              }
            />
            <TextFigure
              label="Runs dry"
              value={runsDryText(report.runs_dry_at, report.runs_dry_note, new Date(report.now))}
              note={`${count(report.leads_left_today)} leads left today, ${count(report.calls_last_hour)} calls in the last hour`}
            />
          </div>
          <section className="panel" aria-labelledby="outcome-mix-title">
            <h2 id="outcome-mix-title">Outcome mix</h2>
            <DataTable label="Outcome mix" columns={OUTCOME_COLUMNS} rows={outcomes} rowKey={(r) => r.outcome} rowHeader empty="No call in this period." />
          </section>
          <ActivityCharts report={report} />
        </>
      ) : state.loading ? (
        <p className="loading">Loading the activity…</p>
      ) : null}
    </section>
  );
}
