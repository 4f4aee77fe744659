// Jobs as a supervisor reads them: a plain name, with the code (what the CLI and the logs use)
// shown beside it in small type.
import type { JobName } from '../../../../shared/types/jobs';

export const JOB_LABEL: Readonly<Record<JobName, string>> = {
  fill_hopper: 'Fill the hopper',
  retry_dropped_calls: 'Retry dropped calls',
  recycle_failed_calls: 'Recycle failed calls',
  cleanup_stale_hopper_entries: 'Clean up stale hopper entries',
  sync_call_log_to_lead_status: 'Apply call results to leads',
  reconcile_lead_status: 'Reconcile lead statuses',
};

export function jobLabel(job: JobName): string {
  return JOB_LABEL[job] ?? job;
}
