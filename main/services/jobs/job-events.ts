// The scheduler's events, with the payloads of `PushEvents` in the IPC contract, so the app can
// forward them to the renderer as they are.
import { EventEmitter } from 'node:events';
import type { PushEvents } from '../../../shared/ipc/contract';

export interface JobEventMap {
  'jobs/run-started': [PushEvents['jobs/run-started']];
  'jobs/run-finished': [PushEvents['jobs/run-finished']];
  'database/status': [PushEvents['database/status']];
}

export class JobEvents extends EventEmitter<JobEventMap> {}

export type EmitJobEvent = <E extends keyof JobEventMap>(event: E, ...payload: JobEventMap[E]) => void;
