// What the jobs screen and `jobs list` show: each job's settings, what its schedule means,
// when it runs next, whether someone runs it now, and its last run.
import { JOB_NAMES, type JobInfo, type JobName } from '../../../shared/types/jobs';
import type { DbHandle } from '../../db/open-database';
import { describeCron, nextTick } from './cron';
import { JOB_DEFINITIONS } from './job-definitions';
import { heldLeases } from './job-leases';
import { lastRuns } from './job-runs';
import { readSettings } from './job-settings';

export async function listJobInfo(
  handle: DbHandle,
  now: Date,
  options: { timezone?: string; jobs?: readonly JobName[] } = {},
): Promise<JobInfo[]> {
  const jobs = options.jobs ?? JOB_NAMES;
  const [settings, last, leases] = await Promise.all([readSettings(handle), lastRuns(handle.db, jobs), heldLeases(handle.db, now)]);
  return jobs.map((job) => {
    const s = settings.get(job)!;
    const next = s.enabled ? nextTick(s.schedule, now, { timezone: options.timezone }) : null;
    return {
      job,
      enabled: s.enabled,
      schedule: s.schedule,
      schedule_text: describeCron(s.schedule),
      next_run_at: next ? next.toISOString() : null,
      last_run: last.get(job) ?? null,
      description: JOB_DEFINITIONS[job].description,
      default_schedule: JOB_DEFINITIONS[job].defaultSchedule,
      running: leases.has(job),
    };
  });
}
