// The run history: one row per run, queried by the CLI and the UI, pruned after the retention.
import type { JobName, JobOutcome, JobRun, JobRunSource } from '../../../shared/types/jobs';
import type { Db } from '../../db/dialect';
import type { JobRunsTable } from '../../db/schema';
import type { Selectable } from 'kysely';

type RunRow = Selectable<JobRunsTable>;

export function toJobRun(row: RunRow): JobRun {
  let counts: Record<string, number> = {};
  try {
    const parsed = JSON.parse(row.counts);
    if (parsed && typeof parsed === 'object') counts = parsed;
  } catch {
    // a hand-edited row: show it without counts
  }
  return {
    id: Number(row.id),
    job: row.job as JobName,
    started_at: row.started_at,
    finished_at: row.finished_at,
    outcome: row.outcome,
    counts,
    error: row.error,
    runner: row.runner,
    scheduled_at: row.scheduled_at,
    source: row.source,
  };
}

export interface NewRun {
  job: JobName;
  scheduled_at: string | null;
  source: JobRunSource;
  started_at: string;
  runner: string;
}

/**
 * Inserts a `running` row. For a scheduled tick, returns null when another scheduler has
 * already claimed that (job, tick): the unique key decides, on both databases.
 */
export async function claimRun(trx: Db, run: NewRun): Promise<number | null> {
  const row = await trx
    .insertInto('job_runs')
    .values({ ...run, outcome: 'running', counts: '{}' })
    .onConflict((oc) => oc.columns(['job', 'scheduled_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

export interface RunEnd {
  outcome: Exclude<JobOutcome, 'running'>;
  finished_at: string;
  counts?: Record<string, number>;
  error?: string | null;
}

export async function finishRun(db: Db, id: number, end: RunEnd): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ outcome: end.outcome, finished_at: end.finished_at, counts: JSON.stringify(end.counts ?? {}), error: end.error ?? null })
    .where('id', '=', id)
    .execute();
}

/** A run whose holder died (its lease lapsed while it was still `running`). */
export async function markAbandoned(db: Db, id: number, at: string, holder: string): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ outcome: 'failed', finished_at: at, error: `The runner ${holder} stopped before finishing (its lease expired).` })
    .where('id', '=', id)
    .where('outcome', '=', 'running')
    .execute();
}

export async function getRun(db: Db, id: number): Promise<JobRun | null> {
  const row = await db.selectFrom('job_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJobRun(row) : null;
}

/** Which runs the history shows: a job, an outcome, and the page before a run (keyset, newest first). */
export interface RunFilter {
  job?: JobName;
  outcome?: JobOutcome;
  limit?: number;
  /** The last run of the page before: runs older than it, in the history's order (started_at, id). */
  before?: { started_at: string; id: number };
}

export async function listRuns(db: Db, filter: RunFilter = {}): Promise<JobRun[]> {
  let q = db.selectFrom('job_runs').selectAll();
  if (filter.job) q = q.where('job', '=', filter.job);
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  const b = filter.before;
  if (b) q = q.where((eb) => eb.or([eb('started_at', '<', b.started_at), eb.and([eb('started_at', '=', b.started_at), eb('id', '<', b.id)])]));
  const rows = await q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 50).execute();
  return rows.map(toJobRun);
}

/** The latest run of each job. */
export async function lastRuns(db: Db, jobs: readonly JobName[]): Promise<Map<JobName, JobRun>> {
  const out = new Map<JobName, JobRun>();
  for (const job of jobs) {
    const [run] = await listRuns(db, { job, limit: 1 });
    if (run) out.set(job, run);
  }
  return out;
}

/** Deletes finished runs that started before `before`; returns how many. */
export async function pruneRuns(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('job_runs')
    .where('started_at', '<', before.toISOString())
    .where('outcome', '!=', 'running')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
