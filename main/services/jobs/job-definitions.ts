// The six maintenance jobs of docs/domain.md "Scheduled maintenance jobs". Each one only calls a service
// that already exists: no job has its own copy of a rule.
import { HIGH_PRIORITY_STATUS, RECYCLABLE_STATUSES, type Status } from '../../../shared/catalogue';
import type { FillResult } from '../../../shared/types/hopper';
import { JOB_NAMES, type JobName } from '../../../shared/types/jobs';
import type { Services } from '../create-services';

export interface JobContext {
  services: Services;
  /** True once the scheduler is stopping: a job stops after its current batch. */
  shouldStop: () => boolean;
}

export interface JobResult {
  counts: Record<string, number>;
  /** Something the run could not do although it finished (e.g. leads a fix could not fix). */
  note?: string | null;
}

export interface JobDefinition {
  name: JobName;
  defaultSchedule: string;
  description: string;
  run(ctx: JobContext): Promise<JobResult>;
}

// `recycle_failed_calls` queues the recyclable statuses other than `dropped` (which
// `retry_dropped_calls` handles at high priority): failed, congestion, busy, no_answer, voicemail.
const FAILED_CALL_STATUSES: Status[] = RECYCLABLE_STATUSES.filter((s) => s !== HIGH_PRIORITY_STATUS);

function fillCounts(results: readonly FillResult[]): Record<string, number> {
  return {
    queued: results.reduce((n, r) => n + r.added, 0),
    queued_high_priority: results.reduce((n, r) => n + r.added_high_priority, 0),
    campaigns: results.length,
  };
}

export const JOB_DEFINITIONS: Readonly<Record<JobName, JobDefinition>> = {
  fill_hopper: {
    name: 'fill_hopper',
    defaultSchedule: '* * * * *',
    description: "Fill each active campaign's hopper to its target.",
    run: async ({ services }) => ({ counts: fillCounts(await services.hopper.fillAll()) }),
  },
  retry_dropped_calls: {
    name: 'retry_dropped_calls',
    defaultSchedule: '*/2 * * * *',
    description: 'Put eligible dropped leads back in the hopper with high priority.',
    run: async ({ services }) => ({ counts: fillCounts(await services.hopper.requeueDroppedAll()) }),
  },
  recycle_failed_calls: {
    name: 'recycle_failed_calls',
    defaultSchedule: '*/5 * * * *',
    description: 'Queue eligible failed, congestion, busy, no-answer and voicemail leads whose retry delay has passed.',
    run: async ({ services }) => ({ counts: fillCounts(await services.hopper.fillAll({ statuses: FAILED_CALL_STATUSES })) }),
  },
  cleanup_stale_hopper_entries: {
    name: 'cleanup_stale_hopper_entries',
    defaultSchedule: '*/5 * * * *',
    description: 'Remove stale hopper rows (dialing too long, or the lead is no longer eligible).',
    run: async ({ services }) => {
      const result = await services.hopper.cleanupStale();
      const counts: Record<string, number> = { removed: result.removed };
      for (const [reason, n] of Object.entries(result.by_reason)) counts[`removed_${reason}`] = n;
      return { counts };
    },
  },
  sync_call_log_to_lead_status: {
    name: 'sync_call_log_to_lead_status',
    defaultSchedule: '*/10 * * * *',
    description: 'Apply every call log not yet applied to its lead, oldest first.',
    run: async ({ services, shouldStop }) => {
      const r = await services.status.syncCalls({ shouldStop });
      return {
        counts: { synced: r.applied, status_changes: r.statusChanges, incidents: r.incidents, orphaned: r.orphaned, unreadable_time: r.unreadableTime, remaining: r.remaining },
        note:
          [
            r.orphaned > 0 ? `${r.orphaned} calls name a lead that does not exist; they stay unapplied.` : '',
            r.unreadableTime > 0 ? `${r.unreadableTime} calls have a start time that cannot be read; they stay unapplied.` : '',
          ]
            .filter(Boolean)
            .join(' ') || null,
      };
    },
  },
  reconcile_lead_status: {
    name: 'reconcile_lead_status',
    defaultSchedule: '0 2 * * *',
    description: 'Apply every unapplied call, then find and fix every problem lead (the same rules as fix-lead-status).',
    run: async ({ services, shouldStop }): Promise<JobResult> => {
      // Calls first, by the call rules: the sync job may run beside this one, and a call must
      // count the same whichever of the two reaches it (the fix counts calls differently, by max).
      const synced = await services.status.syncCalls({ shouldStop });
      if (shouldStop()) {
        return { counts: { synced: synced.applied, incidents: synced.incidents }, note: 'stopped at shutdown; the next run finishes the job' };
      }
      const r = await services.status.findAndFix({ mode: 'fix', source: 'reconcile', shouldStop });
      const notes: string[] = [];
      if (r.errors > 0) notes.push(`${r.errors} leads could not be fixed: ${r.error_messages.slice(0, 3).join('; ')}`);
      if (r.stopped) notes.push('stopped at shutdown; the next run finishes the job');
      return {
        counts: { synced: synced.applied, incidents: synced.incidents, checked: r.checked, problems: r.total_issues, fixed: r.fixed, not_fixable: r.not_fixable, errors: r.errors },
        note: notes.length > 0 ? notes.join('; ') : null,
      };
    },
  },
};

export function jobDefinition(name: JobName): JobDefinition {
  return JOB_DEFINITIONS[name];
}

export const ALL_JOBS: readonly JobDefinition[] = JOB_NAMES.map((n) => JOB_DEFINITIONS[n]);
