// Wires the services over one database handle and one clock: the CLI, the app and the tests
// all build them here, so every caller gets the same rules.
import type { DbHandle } from '../db/open-database';
import type { Clock } from '../db/time';
import { StatusService } from './status/status-service';

export interface Services {
  status: StatusService;
}

export function createServices(handle: DbHandle, clock: Clock): Services {
  const status = new StatusService(handle, clock);
  return { status };
}
