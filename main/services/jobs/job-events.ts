// What the scheduler tells whoever listens: a run started, a run finished, the database was lost
// or found again. Typed here, in the service's own words; the app maps them to the IPC push
// events (main/app/app-runtime.ts) and the CLI prints them, so the service knows no transport.
import { EventEmitter } from 'node:events';
import type { JobName, JobRun } from '../../../shared/types/jobs';

export interface JobRunStarted {
  job: JobName;
  run_id: number;
  started_at: string;
}

/** The scheduler could not reach its database (`unavailable`), or reached it again (`ok`). */
export interface SchedulerDatabaseState {
  state: 'ok' | 'unavailable';
  message: string;
}

export interface JobEventMap {
  'run-started': [JobRunStarted];
  'run-finished': [JobRun];
  'database-state': [SchedulerDatabaseState];
}

export class JobEvents extends EventEmitter<JobEventMap> {}

export type EmitJobEvent = <E extends keyof JobEventMap>(event: E, ...payload: JobEventMap[E]) => void;
