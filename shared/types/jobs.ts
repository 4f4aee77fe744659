export const JOB_NAMES = [
  'fill_hopper',
  'retry_dropped_calls',
  'recycle_failed_calls',
  'cleanup_stale_hopper_entries',
  'sync_call_log_to_lead_status',
  'reconcile_lead_status',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export type JobOutcome = 'running' | 'ok' | 'failed' | 'skipped';

export interface JobRun {
  id: number;
  job: JobName;
  started_at: string;
  finished_at: string | null;
  outcome: JobOutcome;
  /** leads queued, fixed, synced, removed... */
  counts: Record<string, number>;
  error: string | null;
  /** Which console or process ran it. */
  runner: string;
}

export interface JobInfo {
  job: JobName;
  enabled: boolean;
  schedule: string;
  /** "every 5 minutes" */
  schedule_text: string;
  next_run_at: string | null;
  last_run: JobRun | null;
}
