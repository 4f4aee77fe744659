// Per-job settings in the database, so every console sharing it agrees. A job without a row
// runs enabled on its default schedule.
import { InputError } from '../../../shared/errors';
import { JOB_NAMES, type JobName } from '../../../shared/types/jobs';
import type { DbHandle } from '../../db/open-database';
import { toBool } from '../../db/schema';
import { validateCron } from './cron';
import { JOB_DEFINITIONS } from './job-definitions';

export interface JobSetting {
  job: JobName;
  enabled: boolean;
  schedule: string;
  /** False while the job runs on its defaults (no row). */
  customised: boolean;
}

export function parseJobName(raw: string): JobName {
  const text = String(raw ?? '').trim();
  if ((JOB_NAMES as readonly string[]).includes(text)) return text as JobName;
  throw new InputError(`There is no job "${text}". The jobs are: ${JOB_NAMES.join(', ')}.`, 'not_found');
}

export async function readSettings(handle: DbHandle): Promise<Map<JobName, JobSetting>> {
  const rows = await handle.db.selectFrom('job_settings').select(['job', 'enabled', 'schedule']).execute();
  const byJob = new Map(rows.map((r) => [r.job, r]));
  const out = new Map<JobName, JobSetting>();
  for (const job of JOB_NAMES) {
    const row = byJob.get(job);
    // A schedule written straight into the table that no longer parses falls back to the
    // default rather than stopping the job (the list shows it).
    let schedule = JOB_DEFINITIONS[job].defaultSchedule;
    if (row) {
      try {
        schedule = validateCron(row.schedule);
      } catch {
        // keep the default
      }
    }
    out.set(job, { job, enabled: row ? toBool(row.enabled) : true, schedule, customised: row !== undefined });
  }
  return out;
}

export interface SettingChange {
  enabled?: boolean;
  schedule?: string;
}

/** Validates first, then writes one row: nothing is half-applied. */
export async function writeSetting(handle: DbHandle, job: JobName, change: SettingChange, now: Date, by: string): Promise<JobSetting> {
  if (change.enabled === undefined && change.schedule === undefined) {
    throw new InputError('Give a new schedule, or enable or disable the job.');
  }
  const schedule = change.schedule === undefined ? undefined : validateCron(change.schedule);
  const current = (await readSettings(handle)).get(job)!;
  const next = { enabled: change.enabled ?? current.enabled, schedule: schedule ?? current.schedule };
  const { db, dialect } = handle;
  const values = { enabled: dialect.bool(next.enabled), schedule: next.schedule, updated_at: now.toISOString(), updated_by: by };
  await db
    .insertInto('job_settings')
    .values({ job, ...values })
    .onConflict((oc) => oc.column('job').doUpdateSet(values))
    .execute();
  return { job, ...next, customised: true };
}
