// One runner per job: a lease row (holder, expires_at) taken with one conditional upsert, so
// it works the same on SQLite (BEGIN IMMEDIATE serialises writers) and PostgreSQL (the
// conflicting insert waits for the row and re-checks the condition on the committed row).
// A holder renews its lease while it runs; one that dies stops renewing and the lease lapses.
import type { Db } from '../../db/dialect';

export interface LeaseHolder {
  holder: string;
  run_id: number | null;
  expires_at: string;
}

export interface AcquireResult {
  acquired: boolean;
  /** The lease as it was before: who holds it (not acquired) or whose lapsed lease we took over. */
  previous: LeaseHolder | null;
}

export async function acquireLease(trx: Db, job: string, holder: string, runId: number, now: Date, ttlMs: number): Promise<AcquireResult> {
  const nowIso = now.toISOString();
  const previous = (await trx.selectFrom('job_leases').select(['holder', 'run_id', 'expires_at']).where('job', '=', job).executeTakeFirst()) ?? null;
  const row = { holder, run_id: runId, acquired_at: nowIso, expires_at: new Date(now.getTime() + ttlMs).toISOString() };
  const taken = await trx
    .insertInto('job_leases')
    .values({ job, ...row })
    .onConflict((oc) =>
      oc
        .column('job')
        .doUpdateSet({
          holder: (eb) => eb.ref('excluded.holder'),
          run_id: (eb) => eb.ref('excluded.run_id'),
          acquired_at: (eb) => eb.ref('excluded.acquired_at'),
          expires_at: (eb) => eb.ref('excluded.expires_at'),
        })
        .where('job_leases.expires_at', '<=', nowIso),
    )
    .returning('job')
    .executeTakeFirst();
  return { acquired: taken !== undefined, previous };
}

/** Extends our lease; false when it is no longer ours (it lapsed and someone took it). */
export async function renewLease(db: Db, job: string, holder: string, runId: number, now: Date, ttlMs: number): Promise<boolean> {
  const result = await db
    .updateTable('job_leases')
    .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('job', '=', job)
    .where('holder', '=', holder)
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function releaseLease(db: Db, job: string, holder: string, runId: number): Promise<void> {
  await db.deleteFrom('job_leases').where('job', '=', job).where('holder', '=', holder).where('run_id', '=', runId).execute();
}

/** Jobs whose lease is held and not lapsed at `now`. */
export async function heldLeases(db: Db, now: Date): Promise<Map<string, LeaseHolder>> {
  const rows = await db
    .selectFrom('job_leases')
    .select(['job', 'holder', 'run_id', 'expires_at'])
    .where('expires_at', '>', now.toISOString())
    .execute();
  return new Map(rows.map((r) => [r.job, { holder: r.holder, run_id: r.run_id, expires_at: r.expires_at }]));
}
