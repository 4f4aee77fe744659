// The maintenance scheduler (docs/domain.md "Scheduled maintenance jobs"). On each tick it re-reads the
// settings (so changes apply without a restart), works out which cron ticks are due by the
// injected clock, and hands each due tick to the runner. Jobs run side by side; a job never
// overlaps itself (the lease), and a tick runs once across every scheduler on the database
// (the unique run row). Failures never stop it: a failing job is recorded, a lost database is
// retried with backoff.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { JOB_NAMES, type JobInfo, type JobName, type JobRun } from '../../../shared/types/jobs';
import type { DbHandle } from '../../db/open-database';
import { systemClock, type Clock } from '../../db/time';
import type { Services } from '../create-services';
import { latestTick, nextTick } from './cron';
import { JobEvents, type JobEventMap } from './job-events';
import { listJobInfo } from './job-info';
import { JobRunner } from './job-runner';
import { listRuns, pruneRuns, type RunFilter } from './job-runs';
import { readSettings, writeSetting, type SettingChange } from './job-settings';
import { nodeScheduleTrigger, type JobTrigger } from './job-triggers';

export interface JobSchedulerOptions {
  services: Services;
  handle: DbHandle;
  clock?: Clock;
  /** What wakes the scheduler (default: node-schedule every 5 seconds). */
  trigger?: JobTrigger;
  /** Names this console in the run history and the leases. */
  runnerId?: string;
  leaseMs?: number;
  /** Run history older than this is deleted (default 30 days). */
  retentionDays?: number;
  /** Zone the cron expressions are read in (default: this machine's local zone). */
  timezone?: string;
  /** Longest wait between retries while the database is unreachable. */
  maxBackoffMs?: number;
  /** Ticks after this time are due at the first tick (default: when the scheduler is made or started). */
  since?: Date;
  /** Only these jobs (default: all six). */
  jobs?: readonly JobName[];
}

export interface TickReport {
  /** Runs this tick started (or recorded as skipped); null: another scheduler had the tick. */
  runs: (JobRun | null)[];
  /** Why nothing ran, when the database could not be read. */
  error?: string;
}

interface JobState {
  schedule: string | null;
  nextAt: Date | null;
}

const HOUR = 3_600_000;

export function defaultRunnerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;
}

export class JobScheduler extends JobEvents {
  readonly runnerId: string;
  readonly clock: Clock;
  readonly timezone: string | undefined;
  private readonly runner: JobRunner;
  private readonly trigger: JobTrigger;
  private readonly retentionDays: number;
  private readonly maxBackoffMs: number;
  private readonly jobs: readonly JobName[];
  private readonly state = new Map<JobName, JobState>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private lastPlanAt: Date;
  private planning: Promise<unknown> = Promise.resolve();
  private stopTrigger: (() => void) | null = null;
  private stopping = false;
  private failures = 0;
  private retryAt = 0;
  private lastPruneAt = 0;

  constructor(private readonly o: JobSchedulerOptions) {
    super();
    this.clock = o.clock ?? systemClock;
    this.runnerId = o.runnerId ?? defaultRunnerId();
    this.trigger = o.trigger ?? nodeScheduleTrigger();
    this.retentionDays = o.retentionDays ?? 30;
    this.maxBackoffMs = o.maxBackoffMs ?? 60_000;
    this.timezone = o.timezone;
    this.jobs = o.jobs ?? JOB_NAMES;
    this.lastPlanAt = o.since ?? this.clock();
    this.runner = new JobRunner({
      handle: o.handle,
      services: o.services,
      clock: this.clock,
      runnerId: this.runnerId,
      leaseMs: o.leaseMs ?? 120_000,
      emit: (event, ...payload) => this.safeEmit(event, payload),
    });
  }

  get running(): boolean {
    return this.stopTrigger !== null;
  }

  /** Starts firing on the trigger; returns `stop`. Ticks due before now are not caught up. */
  start(): () => Promise<void> {
    if (this.stopTrigger) return () => this.stop();
    this.stopping = false;
    this.lastPlanAt = this.o.since ?? this.clock();
    this.state.clear();
    this.stopTrigger = this.trigger.start(() => {
      void this.tick().catch(() => undefined);
    });
    return () => this.stop();
  }

  /** Stops firing, tells running jobs to stop after their current batch, and waits for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopTrigger?.();
    this.stopTrigger = null;
    await this.planning.catch(() => undefined);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Runs every job tick due at `now` (default: the clock) and resolves when those runs end. */
  async tick(now: Date = this.clock()): Promise<TickReport> {
    const plan = this.planning.then(() => this.plan(now));
    this.planning = plan.catch(() => undefined);
    const { due, error } = await plan;
    const runs = await Promise.all(due.map((d) => this.track(this.runScheduled(d.job, d.tick))));
    return error ? { runs, error } : { runs };
  }

  /** Runs a job once now, through the same lease (a manual run is never deduplicated by tick). */
  runNow(job: JobName): Promise<JobRun> {
    return this.track(this.runner.run({ job, scheduledAt: null, shouldStop: () => this.stopping })) as Promise<JobRun>;
  }

  list(): Promise<JobInfo[]> {
    return listJobInfo(this.o.handle, this.clock(), { timezone: this.timezone, jobs: this.jobs });
  }

  history(filter: RunFilter = {}): Promise<JobRun[]> {
    return listRuns(this.o.handle.db, filter);
  }

  /** Changes a job's settings for every console; this scheduler picks them up at once. */
  async set(job: JobName, change: SettingChange): Promise<JobInfo> {
    await writeSetting(this.o.handle, job, change, this.clock(), this.runnerId);
    const info = (await this.list()).find((j) => j.job === job)!;
    return info;
  }

  /** A listener that throws (the UI bridge, a logger) must not break a run or the scheduler. */
  private safeEmit(event: keyof JobEventMap, payload: unknown[]): void {
    try {
      (this.emit as (e: string, ...args: unknown[]) => boolean)(event, ...payload);
    } catch {
      // ignored: events are notifications, the history is the record
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private async plan(now: Date): Promise<{ due: { job: JobName; tick: Date }[]; error?: string }> {
    if (this.stopping) return { due: [] };
    if (now.getTime() < this.retryAt) return { due: [], error: 'waiting to retry the database' };
    let settings: Awaited<ReturnType<typeof readSettings>>;
    try {
      settings = await readSettings(this.o.handle);
      await this.prune(now);
    } catch (error) {
      return { due: [], error: this.databaseFailed(now, error) };
    }
    this.databaseOk();
    const tz = { timezone: this.timezone };
    const due: { job: JobName; tick: Date }[] = [];
    for (const job of this.jobs) {
      const setting = settings.get(job)!;
      const state = this.state.get(job) ?? { schedule: null, nextAt: null };
      this.state.set(job, state);
      if (!setting.enabled) {
        state.schedule = null;
        state.nextAt = null;
        continue;
      }
      // A new or changed schedule counts from the previous look, so a tick that fell between
      // the two looks is not lost.
      if (state.schedule !== setting.schedule || state.nextAt === null) {
        state.schedule = setting.schedule;
        state.nextAt = nextTick(setting.schedule, this.lastPlanAt, tz);
      }
      if (state.nextAt && state.nextAt.getTime() <= now.getTime()) {
        // Missed ticks (a sleeping laptop, a long outage) collapse into the latest one.
        const tick = latestTick(setting.schedule, now, tz) ?? state.nextAt;
        due.push({ job, tick });
        state.nextAt = nextTick(setting.schedule, now, tz);
      }
    }
    if (now.getTime() > this.lastPlanAt.getTime()) this.lastPlanAt = now;
    return { due };
  }

  private async runScheduled(job: JobName, tick: Date): Promise<JobRun | null> {
    try {
      return await this.runner.run({ job, scheduledAt: tick, shouldStop: () => this.stopping });
    } catch (error) {
      // The tick could not even be claimed: the database is out of reach. Keep the tick due so
      // the first tick after reconnecting runs it (the unique run row still keeps it single).
      const state = this.state.get(job);
      if (state?.nextAt && state.nextAt.getTime() > tick.getTime()) state.nextAt = tick;
      this.databaseFailed(this.clock(), error);
      return null;
    }
  }

  private async prune(now: Date): Promise<void> {
    if (now.getTime() - this.lastPruneAt < HOUR) return;
    this.lastPruneAt = now.getTime();
    await pruneRuns(this.o.handle.db, new Date(now.getTime() - this.retentionDays * 24 * HOUR));
  }

  private databaseFailed(now: Date, error: unknown): string {
    this.failures += 1;
    const wait = Math.min(this.maxBackoffMs, 1000 * 2 ** (this.failures - 1));
    this.retryAt = now.getTime() + wait;
    const message = `Scheduled jobs cannot reach the database (${(error as Error)?.message ?? String(error)}); retrying in ${Math.round(wait / 1000)} s.`;
    if (this.failures === 1 || this.failures % 10 === 0) this.safeEmit('database-state', [{ state: 'unavailable', message }]);
    return message;
  }

  private databaseOk(): void {
    if (this.failures > 0) this.safeEmit('database-state', [{ state: 'ok', message: 'Scheduled jobs reached the database again.' }]);
    this.failures = 0;
    this.retryAt = 0;
  }
}
