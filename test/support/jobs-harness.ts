// Helpers for the scheduler tests: a clock the test moves by hand, services whose sync the test
// can hold, fail or watch (the database underneath stays real), and the run history as rows.
import type { DbHandle } from '../../main/db/open-database';
import type { Clock } from '../../main/db/time';
import { createServices, type Services } from '../../main/services/create-services';
import { JobScheduler, manualTrigger, type JobSchedulerOptions } from '../../main/services/jobs';

export interface MutableClock extends Clock {
  set(iso: string | Date): void;
}

export function mutableClock(start: string): MutableClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as MutableClock;
  clock.set = (iso) => {
    now = new Date(iso).getTime();
  };
  return clock;
}

/** Minute `m` (may exceed 59) after midnight of the test day, UTC. */
export function minute(m: number, seconds = 0): Date {
  return new Date(Date.UTC(2026, 2, 2, 0, m, seconds));
}

export interface SyncControl {
  /** The sync waits for this before it starts, when set. */
  gate: Promise<void> | null;
  /** The next N syncs throw this message. */
  failNext: { times: number; message: string };
  /** Options each sync was called with. */
  calls: { shouldStop?: () => boolean }[];
  /** Extra options handed to the real sync (batch size, progress hook). */
  extra: Record<string, unknown>;
}

export function controlledServices(h: DbHandle, clock: Clock): { services: Services; sync: SyncControl } {
  const services = createServices(h, clock);
  const sync: SyncControl = { gate: null, failNext: { times: 0, message: '' }, calls: [], extra: {} };
  const real = services.status.syncCalls.bind(services.status);
  services.status.syncCalls = async (options = {}) => {
    sync.calls.push(options);
    if (sync.gate) await sync.gate;
    if (sync.failNext.times > 0) {
      sync.failNext.times -= 1;
      throw new Error(sync.failNext.message);
    }
    return real({ ...options, ...sync.extra });
  };
  return { services, sync };
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export function makeScheduler(h: DbHandle, clock: Clock, services: Services, extra: Partial<JobSchedulerOptions> = {}): JobScheduler {
  return new JobScheduler({ handle: h, services, clock, trigger: manualTrigger, timezone: 'UTC', ...extra });
}

export async function runRows(h: DbHandle) {
  return h.db.selectFrom('job_runs').selectAll().orderBy('id').execute();
}

/** "job@HH:MM" for each scheduled run, in tick order. */
export async function tickLabels(h: DbHandle, job?: string): Promise<string[]> {
  const rows = (await runRows(h)).filter((r) => r.scheduled_at !== null && (job === undefined || r.job === job));
  rows.sort((a, b) => (a.scheduled_at! < b.scheduled_at! ? -1 : a.scheduled_at! > b.scheduled_at! ? 1 : a.job < b.job ? -1 : 1));
  return rows.map((r) => `${job === undefined ? `${r.job}@` : ''}${r.scheduled_at!.slice(11, 16)}`);
}
