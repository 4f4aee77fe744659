// The app's running state, shared by Electron and `serve`: the open database, the services over
// it, the jobs scheduler and the push events. Switching databases opens the new one first, so a
// failed switch leaves the console on the database it had.
import { ConsoleError } from '../../shared/errors';
import type { AppInfo } from '../../shared/ipc/contract';
import type { OpenTarget } from '../db/database-config';
import { openDatabase, type DbHandle } from '../db/open-database';
import { markInterruptedOperations } from '../services/operations/operation-recovery';
import { systemClock, type Clock } from '../db/time';
import { createServices, type Services } from '../services/create-services';
import { JobScheduler, type JobRunStarted, type JobTrigger, type SchedulerDatabaseState } from '../services/jobs';
import type { JobRun } from '../../shared/types/jobs';
import { PushEventBus } from './push-events';
import { LiveFeed } from './live-feed';

export interface AppRuntimeOptions {
  shell: AppInfo['shell'];
  version: string;
  clock?: Clock;
  /** Run the maintenance jobs (default true). */
  jobs?: boolean;
  /** What wakes the jobs scheduler (default node-schedule; tests pass a manual trigger). */
  jobTrigger?: JobTrigger;
  /** How often a PostgreSQL connection is checked (ms). */
  healthIntervalMs?: number;
  log?: (line: string) => void;
}

interface Current {
  handle: DbHandle;
  services: Services;
  scheduler: JobScheduler | null;
  stopForwarding: () => void;
}

export class AppRuntime {
  readonly events = new PushEventBus();
  readonly clock: Clock;
  private current: Current | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private dbState: 'ok' | 'unavailable' = 'ok';
  private switching: Promise<unknown> = Promise.resolve();

  constructor(readonly options: AppRuntimeOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get services(): Services {
    if (!this.current) throw new ConsoleError('database_unavailable', 'No database is open. Choose one in the database settings.');
    return this.current.services;
  }

  get handle(): DbHandle {
    if (!this.current) throw new ConsoleError('database_unavailable', 'No database is open. Choose one in the database settings.');
    return this.current.handle;
  }

  get scheduler(): JobScheduler {
    const s = this.current?.scheduler;
    if (!s) throw new ConsoleError('database_unavailable', 'The jobs are not running: no database is open.');
    return s;
  }

  /** False with `serve --no-jobs`: the jobs can be listed and set, but this console runs none. */
  get runsJobs(): boolean {
    return this.options.jobs !== false;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  info(): AppInfo {
    const h = this.current?.handle;
    return {
      version: this.options.version,
      shell: this.options.shell,
      database: h ? { kind: h.target.kind, description: h.description, has_password: hasPassword(h.target) } : { kind: 'sqlite', description: 'no database open' },
      runs_jobs: this.runsJobs,
    };
  }

  /** Opens `target` (migrating it), then swaps it in. Throws, leaving the old one open, when it cannot. */
  useDatabase(target: OpenTarget): Promise<AppInfo> {
    const run = this.switching.catch(() => undefined).then(async () => {
      const handle = await openDatabase(target);
      // Operations a dead process left `running` become `interrupted` (undoable) before any use.
      if (!target.readOnly) await markInterruptedOperations(handle.db).catch(() => undefined);
      await this.closeCurrent();
      handle.startLongWork?.();
      this.current = this.attach(handle);
      this.setDbState('ok', `Connected to ${handle.description}.`);
      this.startHealthCheck();
      return this.info();
    });
    this.switching = run;
    return run;
  }

  async stop(): Promise<void> {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = null;
    await this.switching.catch(() => undefined);
    await this.closeCurrent();
  }

  private attach(handle: DbHandle): Current {
    const services = createServices(handle, this.clock);
    const scheduler = new JobScheduler({ services, handle, clock: this.clock, trigger: this.options.jobTrigger });
    // The live campaign view, pushed to whoever listens (docs/reports.md), with or without jobs.
    const live = new LiveFeed({ live: services.reports.live, events: this.events, clock: this.clock });
    live.start();
    // Never started: the jobs, their settings and history are still there to see.
    if (!this.runsJobs) return { handle, services, scheduler, stopForwarding: () => void live.stop() };
    // The scheduler's own events, as the push events the window and the event streams hear.
    const started = (e: JobRunStarted) => this.events.emit('jobs/run-started', { job: e.job, run_id: e.run_id, started_at: e.started_at });
    const finished = (run: JobRun) => {
      live.jobFinished(run);
      this.events.emit('jobs/run-finished', run);
    };
    const status = (e: SchedulerDatabaseState) => this.setDbState(e.state, e.message);
    scheduler.on('run-started', started);
    scheduler.on('run-finished', finished);
    scheduler.on('database-state', status);
    scheduler.start();
    return {
      handle,
      services,
      scheduler,
      stopForwarding: () => {
        scheduler.off('run-started', started);
        scheduler.off('run-finished', finished);
        scheduler.off('database-state', status);
        void live.stop();
      },
    };
  }

  private async closeCurrent(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (!current) return;
    await current.scheduler?.stop().catch(() => undefined);
    current.stopForwarding();
    await current.handle.close().catch(() => undefined);
  }

  private setDbState(state: 'ok' | 'unavailable', message: string): void {
    if (state === this.dbState && state === 'ok') return;
    this.dbState = state;
    this.events.emit('database/status', { state, message });
  }

  // pg's pool reconnects by itself on the next query; this check notices a lost server while
  // the console is idle and tells the window when it is back.
  private startHealthCheck(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = null;
    if (this.current?.handle.target.kind !== 'postgres') return;
    this.healthTimer = setInterval(() => void this.checkHealth(), this.options.healthIntervalMs ?? 15_000);
    this.healthTimer.unref();
  }

  async checkHealth(): Promise<'ok' | 'unavailable'> {
    const h = this.current?.handle;
    if (!h) return 'unavailable';
    try {
      await h.db.selectFrom('campaigns').select('id').limit(1).execute();
      this.setDbState('ok', `Connected again to ${h.description}.`);
      return 'ok';
    } catch {
      this.setDbState('unavailable', `Lost the connection to ${h.description}. Retrying…`);
      return 'unavailable';
    }
  }
}

function hasPassword(target: OpenTarget): boolean {
  if (target.kind !== 'postgres') return false;
  if ('connection' in target) return Boolean(target.connection.password);
  try {
    return new URL(target.url).password !== '';
  } catch {
    return false;
  }
}
