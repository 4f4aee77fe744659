import type { DbHandle } from '../../main/db/open-database';

/** Every row of the tables a fix or sync may touch, to prove that nothing changed. */
export async function snapshotTables(h: DbHandle) {
  return {
    leads: await h.db.selectFrom('leads').selectAll().orderBy('id').execute(),
    call_logs: await h.db.selectFrom('call_logs').selectAll().orderBy('id').execute(),
    audit: await h.db.selectFrom('lead_status_audit').selectAll().orderBy('id').execute(),
    hopper: await h.db.selectFrom('dialer_hopper').selectAll().orderBy('id').execute(),
    operations: await h.db.selectFrom('operations').selectAll().orderBy('id').execute(),
  };
}
