// Scheduled jobs and their runs, updated live from job events.
import { useEffect } from 'react';
import type { JobInfo, JobName } from '../../../../shared/types/jobs';
import { DataTable, type Column } from '../../components/data-table';
import { countsText, dateTime } from '../../format/format';
import type { JobsState } from '../../stores/jobs-store';
import { useSlice, useStores } from '../../stores/stores';
import { jobLabel } from './job-labels';
import { JobTitle, Outcome } from './job-parts';
import { ReconcileDialog } from './reconcile-dialog';
import { RunHistory } from './run-history';
import { ScheduleEditor } from './schedule-editor';

function EnabledSwitch({ job }: { job: JobInfo }) {
  const { jobs } = useStores();
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={job.enabled}
        aria-checked={job.enabled}
        onChange={(e) => void jobs.getState().setEnabled(job.job, e.target.checked)}
        aria-label={`Enabled: ${jobLabel(job.job)}`}
      />
      <span className="switch-track" aria-hidden="true" />
    </label>
  );
}

function jobColumns(running: JobsState['running'], runNow: ((job: JobName) => void) | null): Column<JobInfo>[] {
  const isRunning = (job: JobInfo) => Boolean(running[job.job]) || job.last_run?.outcome === 'running';
  return [
    { key: 'job', header: 'Job', cell: (job) => <JobTitle job={job.job} description={job.description} /> },
    { key: 'schedule', header: 'Schedule', cell: (job) => <ScheduleEditor job={job} /> },
    { key: 'enabled', header: 'Enabled', cell: (job) => <EnabledSwitch job={job} /> },
    { key: 'next', header: 'Next run', cell: (job) => (job.enabled ? dateTime(job.next_run_at) : 'disabled') },
    {
      key: 'last',
      header: 'Last run',
      cell: (job) => (
        <>
          {isRunning(job) ? <span className="outcome outcome-running">running</span> : <Outcome run={job.last_run} />}{' '}
          {job.last_run ? <span className="run-time">{dateTime(job.last_run.started_at)}</span> : null}
          {job.last_run && !isRunning(job) ? <div className="counts">{job.last_run.error ?? countsText(job.last_run.counts)}</div> : null}
        </>
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      headerHidden: true,
      cell: (job) => (
        <button
          type="button"
          className="nowrap"
          onClick={() => runNow?.(job.job)}
          disabled={!runNow || isRunning(job)}
          title={runNow ? undefined : 'This console runs no job (--no-jobs).'}
          aria-label={`Run now: ${jobLabel(job.job)}`}
        >
          Run now
        </button>
      ),
    },
  ];
}

export function JobsScreen() {
  const { jobs: store } = useStores();
  const { jobs, running, loading, loaded, confirming } = useSlice((s) => s.jobs, (s) => s);
  // `serve --no-jobs`: the jobs live in the database all the same; another console runs them.
  const runsJobs = useSlice((s) => s.app, (s) => s.info?.runs_jobs !== false);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  return (
    <section className="screen" aria-labelledby="jobs-title">
      <header className="screen-header">
        <div>
          <h1 id="jobs-title">Jobs</h1>
          <p className="subtitle">{runsJobs ? 'Scheduled maintenance while the console is open' : 'Scheduled maintenance, run by another console'}</p>
        </div>
        <button type="button" onClick={() => void store.getState().load()} disabled={loading}>
          Refresh
        </button>
      </header>
      {runsJobs ? null : (
        <p className="note-warning" role="note" aria-label="This console runs no job">
          This console was started with <code>--no-jobs</code>: it shows the jobs, their settings and their runs, but runs none of them. A console started without{' '}
          <code>--no-jobs</code>, or <code>lead-console run-jobs</code>, runs them.
        </p>
      )}
      {/* Until the first answer, an empty table would read as "no job, no run". */}
      {!loaded ? (
        <p className="loading">{loading ? 'Loading the jobs…' : 'The jobs could not be loaded.'}</p>
      ) : (
        <>
          <DataTable
            label="Jobs"
            columns={jobColumns(running, runsJobs ? (job) => void store.getState().askRunNow(job) : null)}
            rows={jobs}
            rowKey={(job) => job.job}
            rowLabel={(job) => jobLabel(job.job)}
            rowHeader
            empty={null}
          />
          <RunHistory />
          {confirming ? <ReconcileDialog job={confirming.job} preview={confirming.preview} onConfirm={() => void store.getState().confirmRunNow()} onCancel={() => store.getState().cancelRunNow()} /> : null}
        </>
      )}
    </section>
  );
}
