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
/** `schedule`: a cron tick; `manual`: "run now" (CLI `jobs run`, the UI). */
export type JobRunSource = 'schedule' | 'manual';

// Fields marked optional below were added after the first contract, so that fakes written
// against it still typecheck; the jobs service always fills them.
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
  /** The cron tick this run belongs to (unique per job across consoles); null for a manual run. */
  scheduled_at?: string | null;
  source?: JobRunSource;
}

export interface JobInfo {
  job: JobName;
  enabled: boolean;
  schedule: string;
  /** "every 5 minutes" */
  schedule_text: string;
  next_run_at: string | null;
  last_run: JobRun | null;
  /** What the job does, for a supervisor. */
  description?: string;
  default_schedule?: string;
  /** A runner holds the job's lease right now. */
  running?: boolean;
}
