// The soak's invariants, read from the database the consoles and the dialer share:
// - no lead queued twice: sampled while the load runs and again at the end;
// - every job tick once: one `job_runs` row per (job, tick) that fell while every console was
//   up, run by one of the consoles, none failed or left running, and no two runs of a job
//   overlapping in time (the lease);
// - the deadlocks PostgreSQL detected (each one retried by the write transaction, never shown:
//   figures, not a failure).
import { sql } from 'kysely';
import { JOB_NAMES, type JobName } from '../../shared/types/jobs';
import type { DbHandle } from '../../main/db/open-database';
import { nextTick, readSettings } from '../../main/services/jobs';

export interface HopperFigures {
  samples: number;
  /** Whether dialer_hopper has a unique index on lead_id (the database's own guarantee). */
  unique_lead_index: boolean;
  /** Leads found in the hopper more than once, at any sample. */
  duplicate_leads: number[];
  max_rows_seen: number;
  /** Samples that could not be read (the checker's own query failed): the check had gaps. */
  failed_samples: number;
  /** Rows still `dialing` once the dialer reported every call it placed (each is a lost result). */
  dialing_left_at_end: number;
}

const asIso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** Samples the hopper every `everyMs` until stopped. */
export function watchHopper(handle: DbHandle, everyMs: number) {
  const figures: HopperFigures = { samples: 0, unique_lead_index: false, duplicate_leads: [], max_rows_seen: 0, failed_samples: 0, dialing_left_at_end: 0 };
  let stopped = false;
  const sample = async () => {
    const dups = await handle.db
      .selectFrom('dialer_hopper')
      .select('lead_id')
      .groupBy('lead_id')
      .having(sql`count(*)`, '>', 1)
      .execute();
    for (const d of dups) if (!figures.duplicate_leads.includes(d.lead_id)) figures.duplicate_leads.push(d.lead_id);
    const { n } = await handle.db.selectFrom('dialer_hopper').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    figures.max_rows_seen = Math.max(figures.max_rows_seen, Number(n));
    figures.samples += 1;
  };
  const loop = (async () => {
    while (!stopped) {
      await sample().catch(() => (figures.failed_samples += 1));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    figures,
    /** Stops sampling; call `finish` once the dialer has reported every call. */
    async stop() {
      stopped = true;
      await loop;
    },
    async finish(): Promise<HopperFigures> {
      await sample();
      const index = await sql<{ indexdef: string }>`select indexdef from pg_indexes where tablename = 'dialer_hopper'`.execute(handle.db);
      figures.unique_lead_index = index.rows.some((r) => /UNIQUE INDEX .*\(lead_id\)/i.test(r.indexdef));
      const dialing = await handle.db.selectFrom('dialer_hopper').select(sql<string>`count(*)`.as('n')).where('state', '=', 'dialing').executeTakeFirstOrThrow();
      figures.dialing_left_at_end = Number(dialing.n);
      return figures;
    },
  };
}

export interface JobFigures {
  /** Ticks that fell while every console was up (from, to]: each must have exactly one run. */
  window: { from: string; to: string };
  ticks_expected: number;
  ticks_missing: { job: JobName; tick: string }[];
  /** (job, tick) pairs with more than one run row. */
  ticks_twice: { job: string; tick: string; runs: number }[];
  runs: number;
  by_outcome: Record<string, number>;
  /** Which console ran how many ticks (a skipped tick counts for whoever recorded it). */
  by_runner: Record<string, number>;
  failed: { job: string; tick: string | null; error: string | null }[];
  left_running: number;
  /** Two runs of one job at the same time (other than skipped ones): the lease failed. */
  overlaps: { job: string; first: number; second: number }[];
  /** Runs whose runner is none of the consoles. */
  foreign_runners: string[];
  per_job: Record<string, { ticks: number; ok: number; skipped: number; failed: number; median_ms: number; max_ms: number }>;
}

export async function checkJobRuns(handle: DbHandle, from: Date, to: Date, runners: string[]): Promise<JobFigures> {
  const rows = (await handle.db.selectFrom('job_runs').selectAll().orderBy('started_at').orderBy('id').execute()).map((r) => ({
    ...r,
    id: Number(r.id),
    scheduled_at: asIso(r.scheduled_at),
    started_at: asIso(r.started_at)!,
    finished_at: asIso(r.finished_at),
  }));
  const settings = await readSettings(handle);
  const figures: JobFigures = {
    window: { from: from.toISOString(), to: to.toISOString() },
    ticks_expected: 0,
    ticks_missing: [],
    ticks_twice: [],
    runs: rows.length,
    by_outcome: {},
    by_runner: {},
    failed: [],
    left_running: 0,
    overlaps: [],
    foreign_runners: [],
    per_job: {},
  };
  const byTick = new Map<string, number>();
  for (const r of rows) {
    figures.by_outcome[r.outcome] = (figures.by_outcome[r.outcome] ?? 0) + 1;
    figures.by_runner[r.runner] = (figures.by_runner[r.runner] ?? 0) + 1;
    if (!runners.includes(r.runner) && !figures.foreign_runners.includes(r.runner)) figures.foreign_runners.push(r.runner);
    if (r.outcome === 'failed') figures.failed.push({ job: r.job, tick: r.scheduled_at, error: r.error });
    if (r.outcome === 'running') figures.left_running += 1;
    if (r.scheduled_at) byTick.set(`${r.job} ${r.scheduled_at}`, (byTick.get(`${r.job} ${r.scheduled_at}`) ?? 0) + 1);
  }
  for (const [key, runs] of byTick) {
    if (runs > 1) {
      const [job, tick] = key.split(' ');
      figures.ticks_twice.push({ job, tick, runs });
    }
  }
  for (const job of JOB_NAMES) {
    const setting = settings.get(job)!;
    const mine = rows.filter((r) => r.job === job);
    const worked = mine.filter((r) => r.outcome !== 'skipped' && r.finished_at);
    const ms = worked.map((r) => Date.parse(r.finished_at!) - Date.parse(r.started_at)).sort((a, b) => a - b);
    figures.per_job[job] = {
      ticks: mine.filter((r) => r.scheduled_at).length,
      ok: mine.filter((r) => r.outcome === 'ok').length,
      skipped: mine.filter((r) => r.outcome === 'skipped').length,
      failed: mine.filter((r) => r.outcome === 'failed').length,
      median_ms: ms[Math.floor(ms.length / 2)] ?? 0,
      max_ms: ms.at(-1) ?? 0,
    };
    // A job runs alone: each run that did work starts after the previous one finished.
    for (let i = 1; i < worked.length; i++) {
      if (Date.parse(worked[i].started_at) < Date.parse(worked[i - 1].finished_at!)) figures.overlaps.push({ job, first: worked[i - 1].id, second: worked[i].id });
    }
    if (!setting.enabled) continue;
    for (let t = nextTick(setting.schedule, from); t && t.getTime() <= to.getTime(); t = nextTick(setting.schedule, t)) {
      figures.ticks_expected += 1;
      if (!byTick.has(`${job} ${t.toISOString()}`)) figures.ticks_missing.push({ job, tick: t.toISOString() });
    }
  }
  return figures;
}

/**
 * Operations still `running` once every console has stopped cleanly: each is work a user sees as
 * "still running" (its Undo refused) until a later start marks it interrupted.
 */
export async function operationsLeftRunning(handle: DbHandle): Promise<{ id: string; kind: string; started_at: string | null }[]> {
  const rows = await handle.db.selectFrom('operations').select(['id', 'kind', 'started_at']).where('state', '=', 'running').execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, started_at: asIso(r.started_at) }));
}

/** Deadlocks PostgreSQL has detected in this database so far (pg_stat_database). */
export async function deadlocksSoFar(handle: DbHandle): Promise<number> {
  const r = await sql<{ deadlocks: string }>`select deadlocks from pg_stat_database where datname = current_database()`.execute(handle.db);
  return Number(r.rows[0]?.deadlocks ?? 0);
}
