// The run history: filtered by job and outcome, a page at a time (newest first), with the runs
// that did nothing folded (history-groups.ts).
import { useState } from 'react';
import { JOB_NAMES, type JobName, type JobOutcome } from '../../../../shared/types/jobs';
import { DataTable, type Column } from '../../components/data-table';
import { count, countsText, dateTime, duration } from '../../format/format';
import { useSlice, useStores } from '../../stores/stores';
import { groupIdleRuns, type HistoryItem } from './history-groups';
import { jobLabel } from './job-labels';
import { JobTitle, Outcome } from './job-parts';

const OUTCOMES: JobOutcome[] = ['ok', 'failed', 'skipped', 'running'];

function columns(toggle: (key: string) => void, open: ReadonlySet<string>): Column<HistoryItem>[] {
  return [
    {
      key: 'job',
      header: 'Job',
      cell: (item) =>
        item.kind === 'run' ? (
          <JobTitle job={item.run.job} />
        ) : (
          <button type="button" className="link" aria-expanded={open.has(item.key)} onClick={() => toggle(item.key)}>
            {open.has(item.key) ? '▾' : '▸'} {count(item.runs.length)} runs that did nothing
          </button>
        ),
    },
    {
      key: 'started',
      header: 'Started',
      cell: (item) => (item.kind === 'run' ? dateTime(item.run.started_at) : `${dateTime(item.runs.at(-1)!.started_at)} – ${dateTime(item.runs[0].started_at)}`),
    },
    { key: 'took', header: 'Took', className: 'nowrap', cell: (item) => (item.kind === 'run' ? duration(item.run.started_at, item.run.finished_at) : '') },
    { key: 'outcome', header: 'Outcome', cell: (item) => (item.kind === 'run' ? <Outcome run={item.run} /> : '') },
    {
      key: 'counts',
      header: 'Counts',
      cell: (item) =>
        item.kind === 'idle' ? (
          <span className="hint">{[...new Set(item.runs.map((r) => jobLabel(r.job)))].join(', ')}</span>
        ) : item.run.error ? (
          <span className="error-text">{item.run.error}</span>
        ) : (
          countsText(item.run.counts)
        ),
    },
    { key: 'runner', header: 'Runner', cell: (item) => (item.kind === 'run' ? item.run.runner : '') },
  ];
}

export function RunHistory() {
  const { jobs: store } = useStores();
  const { history, historyFilter, historyOutcome, historyPages, historyHasOlder } = useSlice((s) => s.jobs, (s) => s);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) => {
    const next = new Set(open);
    if (!next.delete(key)) next.add(key);
    setOpen(next);
  };
  const items = groupIdleRuns(history, open);
  const page = historyPages.length + 1;
  return (
    <section className="panel" aria-labelledby="history-title">
      <div className="panel-header">
        <h2 id="history-title">Run history</h2>
        <div className="filters-inline">
          <label className="inline">
            Job
            <select value={historyFilter ?? ''} onChange={(e) => void store.getState().loadHistory((e.target.value || null) as JobName | null)}>
              <option value="">All jobs</option>
              {JOB_NAMES.map((j) => (
                <option key={j} value={j}>
                  {jobLabel(j)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Outcome
            <select value={historyOutcome ?? ''} onChange={(e) => void store.getState().setHistoryOutcome((e.target.value || null) as JobOutcome | null)}>
              <option value="">All outcomes</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <DataTable label="Run history" columns={columns(toggle, open)} rows={items} rowKey={(item) => (item.kind === 'run' ? item.run.id : item.key)} empty={historyOutcome || historyFilter ? 'No run matches.' : 'No run yet.'} />
      <nav className="pager" aria-label="Run history pages">
        <button type="button" onClick={() => void store.getState().newerHistory()} disabled={page === 1}>
          ← Newer
        </button>
        <span className="hint">Page {page}</span>
        <button type="button" onClick={() => void store.getState().olderHistory()} disabled={!historyHasOlder}>
          Older →
        </button>
      </nav>
    </section>
  );
}
