// Scheduled jobs and their runs, updated live from job events.
import { useEffect, useState } from 'react';
import { JOB_NAMES, type JobInfo, type JobName, type JobRun } from '../../../../shared/types/jobs';
import { countsText, dateTime, duration } from '../../format/format';
import { useSlice, useStores } from '../../stores/stores';

function Outcome({ run }: { run: JobRun | null }) {
  if (!run) return <span className="outcome outcome-none">never run</span>;
  return (
    <span className={`outcome outcome-${run.outcome}`} title={run.error ?? undefined}>
      {run.outcome}
    </span>
  );
}

function ScheduleEditor({ job }: { job: JobInfo }) {
  const { jobs } = useStores();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(job.schedule);
  if (!editing) {
    return (
      <div className="schedule">
        <span className="schedule-text">{job.schedule_text}</span>
        <code>{job.schedule}</code>{' '}
        <button type="button" className="link" onClick={() => (setValue(job.schedule), setEditing(true))} aria-label={`Edit schedule of ${job.job}`}>
          Edit
        </button>
      </div>
    );
  }
  return (
    <form
      className="schedule-form"
      onSubmit={(e) => {
        e.preventDefault();
        void jobs
          .getState()
          .setSchedule(job.job, value)
          .then((ok) => ok && setEditing(false));
      }}
    >
      <input type="text" value={value} onChange={(e) => setValue(e.target.value)} aria-label={`Schedule of ${job.job}`} maxLength={120} />
      <button type="submit">Save</button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}

export function JobsPanel() {
  const { jobs: store } = useStores();
  const { jobs, history, running, historyFilter, loading } = useSlice((s) => s.jobs, (s) => s);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  return (
    <section className="screen" aria-labelledby="jobs-title">
      <header className="screen-header">
        <div>
          <h1 id="jobs-title">Jobs</h1>
          <p className="subtitle">Scheduled maintenance while the console is open</p>
        </div>
        <button type="button" onClick={() => void store.getState().load()} disabled={loading}>
          Refresh
        </button>
      </header>
      <table className="data-table" aria-label="Jobs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Schedule</th>
            <th scope="col">Enabled</th>
            <th scope="col">Next run</th>
            <th scope="col">Last run</th>
            <th scope="col">Outcome</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const isRunning = Boolean(running[job.job]) || job.last_run?.outcome === 'running';
            return (
              <tr key={job.job} aria-label={job.job}>
                <th scope="row">
                  <code>{job.job}</code>
                </th>
                <td>
                  <ScheduleEditor job={job} />
                </td>
                <td>
                  <label className="switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={job.enabled}
                      aria-checked={job.enabled}
                      onChange={(e) => void store.getState().setEnabled(job.job, e.target.checked)}
                      aria-label={`Enabled: ${job.job}`}
                    />
                    <span className="switch-track" aria-hidden="true" />
                  </label>
                </td>
                <td className="nowrap">{job.enabled ? dateTime(job.next_run_at) : 'disabled'}</td>
                <td className="nowrap">{dateTime(job.last_run?.started_at)}</td>
                <td>
                  {isRunning ? <span className="outcome outcome-running">running</span> : <Outcome run={job.last_run} />}
                  {job.last_run && !isRunning ? <div className="counts">{job.last_run.error ?? countsText(job.last_run.counts)}</div> : null}
                </td>
                <td>
                  <button type="button" onClick={() => void store.getState().runNow(job.job)} disabled={isRunning} aria-label={`Run now: ${job.job}`}>
                    Run now
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section className="panel" aria-labelledby="history-title">
        <div className="panel-header">
          <h2 id="history-title">Run history</h2>
          <label className="inline">
            Job
            <select value={historyFilter ?? ''} onChange={(e) => void store.getState().loadHistory((e.target.value || null) as JobName | null)}>
              <option value="">All jobs</option>
              {JOB_NAMES.map((j) => (
                <option key={j} value={j}>
                  {j}
                </option>
              ))}
            </select>
          </label>
        </div>
        <table className="data-table" aria-label="Run history">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Started</th>
              <th scope="col">Took</th>
              <th scope="col">Outcome</th>
              <th scope="col">Counts</th>
              <th scope="col">Runner</th>
            </tr>
          </thead>
          <tbody>
            {history.map((run) => (
              <tr key={run.id}>
                <td>
                  <code>{run.job}</code>
                </td>
                <td className="nowrap">{dateTime(run.started_at)}</td>
                <td>{duration(run.started_at, run.finished_at)}</td>
                <td>
                  <Outcome run={run} />
                </td>
                <td>{run.error ? <span className="error-text">{run.error}</span> : countsText(run.counts)}</td>
                <td>{run.runner}</td>
              </tr>
            ))}
            {history.length === 0 ? (
              <tr>
                <td colSpan={6}>No run yet.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
    </section>
  );
}
