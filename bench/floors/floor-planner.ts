// The service's lead counts run without PostgreSQL's parallel workers (hopper-dialect.ts
// withoutParallelWorkers: on these index ranges they cost more than they bring). A floor that
// counts the same leads gets the same setting, so that its ratio compares SQL with SQL, not one
// planner setting with another. SQLite: the floor as it is.
import type { DbHandle } from '../../main/db/open-database';
import { withoutParallelWorkers } from '../../main/services/hopper/hopper-dialect';

export const floorWithoutParallelWorkers = <T>(h: DbHandle, floor: (h: DbHandle) => Promise<T>): Promise<T> =>
  withoutParallelWorkers(h.db, h.dialect, (db) => floor({ ...h, db }));
