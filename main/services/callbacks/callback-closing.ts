// domain.md "Callbacks": a call applied to a lead (any result) marks its due pending callbacks
// `done`; a lead set to a final status cancels its pending callbacks. Both in one statement per
// batch of applied calls, inside the applying transaction (the dial path's single lead has the
// same rule in status-dialect.ts, written into its one statement).
import { sql } from 'kysely';
import { FINAL_STATUSES, normaliseStatus, type Status } from '../../../shared/catalogue';
import type { Db, Dialect } from '../../db/dialect';
import { executeRecurring, idsInSet } from '../../db/query/batch-params';

/** What closing one called lead's callbacks needs: the apply time, and whether its status is now final. */
export interface CallbackClosing {
  callbacks_now: string;
  callbacks_final: boolean;
}

export function isFinalStatus(status: string | null): boolean {
  return FINAL_STATUSES.includes(normaliseStatus(status) as Status);
}

export function callbackClosingOf(status: string | null, now: Date): CallbackClosing {
  return { callbacks_now: now.toISOString(), callbacks_final: isFinalStatus(status) };
}

/** Closes the callbacks of called leads: due ones done; the rest cancelled when the lead is now final. */
export async function closeCallbacksOfCalledLeads(db: Db, dialect: Dialect, leads: readonly { id: number; status: string | null }[], now: Date): Promise<void> {
  const called = idsInSet(dialect, 'lead_id', leads.map((l) => l.id));
  if (!called) return;
  const finals = leads.filter((l) => isFinalStatus(l.status)).map((l) => l.id);
  const cancelled = idsInSet(dialect, 'lead_id', finals) ?? sql<boolean>`(1 = 0)`;
  const nowIso = now.toISOString();
  const q = db
    .updateTable('callbacks')
    .set({ state: sql`case when due_at <= ${nowIso} then 'done' else 'cancelled' end` as never })
    .where('state', '=', 'pending')
    .where(called)
    .where((eb) => eb.or([eb('due_at', '<=', nowIso), cancelled as never]));
  await executeRecurring(db, dialect, q);
}

/** Cancels the pending callbacks of leads that were set to a final status by anything but a call. */
export async function cancelCallbacksOfFinalLeads(db: Db, dialect: Dialect, leadIds: readonly number[]): Promise<void> {
  const ids = idsInSet(dialect, 'lead_id', leadIds);
  if (ids) await executeRecurring(db, dialect, db.updateTable('callbacks').set({ state: 'cancelled' }).where('state', '=', 'pending').where(ids));
}
