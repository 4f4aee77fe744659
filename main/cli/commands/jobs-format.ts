// How job runs and job settings read on a terminal.
import type { JobInfo, JobRun } from '../../../shared/types/jobs';
import { table } from '../output/format';

export function countsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n !== 0)
    .map(([k, n]) => `${k.replace(/_/g, ' ')} ${n.toLocaleString('en-US')}`);
  return parts.length > 0 ? parts.join(', ') : '-';
}

export function durationText(run: JobRun): string {
  if (!run.finished_at) return 'running';
  const ms = Date.parse(run.finished_at) - Date.parse(run.started_at);
  return ms < 1000 ? `${Math.max(0, ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** 2026-03-02 10:05:00 (UTC), short enough for a table. */
export function timeText(iso: string | null | undefined): string {
  if (!iso) return '-';
  return iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export function runLine(run: JobRun): string {
  const head = `${timeText(run.started_at)}  ${run.job}  ${run.outcome}`;
  const tail = run.outcome === 'ok' ? `${countsText(run.counts)} (${durationText(run)})` : (run.error ?? '');
  return `${head}  ${tail}${run.outcome === 'ok' && run.error ? `  note: ${run.error}` : ''}`;
}

export function historyTable(runs: readonly JobRun[]): string {
  const rows: (string | number)[][] = [['id', 'job', 'started (UTC)', 'tick', 'took', 'outcome', 'counts', 'runner', 'error']];
  for (const r of runs) {
    rows.push([
      String(r.id),
      r.job,
      timeText(r.started_at),
      r.scheduled_at ? timeText(r.scheduled_at).slice(11) : 'manual',
      durationText(r),
      r.outcome,
      countsText(r.counts),
      r.runner,
      r.error ?? '',
    ]);
  }
  return table(rows);
}

export function jobsTable(jobs: readonly JobInfo[]): string {
  const rows: (string | number)[][] = [['job', 'enabled', 'schedule', 'means', 'next run (UTC)', 'last run']];
  for (const j of jobs) {
    const last = !j.last_run
      ? 'never'
      : j.last_run.outcome === 'running'
        ? `running since ${timeText(j.last_run.started_at)}`
        : `${j.last_run.outcome} ${timeText(j.last_run.started_at)}`;
    rows.push([j.job, j.enabled ? 'yes' : 'no', j.schedule, j.schedule_text, j.enabled ? timeText(j.next_run_at) : 'disabled', j.running && j.last_run?.outcome !== 'running' ? `${last} (running now)` : last]);
  }
  return table(rows);
}
