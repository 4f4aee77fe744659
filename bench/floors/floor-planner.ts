// The service's lead counts run with PostgreSQL's counting plan (hopper-dialect.ts
// withCountingPlan: no parallel workers, no sequential scan of leads). A floor that counts the
// same leads gets the same settings, so that its ratio compares SQL with SQL, not one planner
// setting with another. SQLite: the floor as it is.
import type { DbHandle } from '../../main/db/open-database';
import { withCountingPlan } from '../../main/services/hopper/hopper-dialect';

export const floorWithCountingPlan = <T>(h: DbHandle, floor: (h: DbHandle) => Promise<T>): Promise<T> =>
  withCountingPlan(h.db, h.dialect, (db) => floor({ ...h, db }));
