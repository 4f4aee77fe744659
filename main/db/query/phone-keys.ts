// SQLite has no regexp to normalise phones inside the database, so the console fills the
// `phone_key` columns itself before any DNC check (PostgreSQL computes them as generated
// columns, and this is a no-op there). A row whose key is still NULL never passes a DNC check.
import { sql } from 'kysely';
import { normalisePhone } from '../../../shared/domain/phone';
import type { Db, Dialect } from '../dialect';
import { preparedQuery } from './prepared-query';

const BATCH = 5000;

// Compiled once: this runs before every dial result, and almost always finds every key filled.
const anyWithoutKey = preparedQuery<object, { lead: number | null; dnc: string | null }>(
  () => sql`select (select id from leads indexed by leads_by_phone_key where phone_key is null limit 1) as lead,
    (select phone from dnc_numbers indexed by dnc_numbers_by_phone_key where phone_key is null limit 1) as dnc`,
);
const leadsWithoutKey = preparedQuery<object, { id: number; phone: string }>(
  () => sql`select id, phone from leads indexed by leads_by_phone_key where phone_key is null limit ${sql.lit(BATCH)}`,
);
const dncWithoutKey = preparedQuery<object, { phone: string }>(
  () => sql`select phone from dnc_numbers indexed by dnc_numbers_by_phone_key where phone_key is null`,
);

/**
 * Runs before every fill and dial result, so it must cost nothing when every key is filled.
 * INDEXED BY: with statistics gathered while keys were still NULL (right after an import), the
 * planner picks a full scan of leads for `phone_key is null` — 60-150 ms at 1M leads, every call.
 */
export async function ensurePhoneKeys(db: Db, dialect: Dialect): Promise<number> {
  if (dialect.name !== 'sqlite') return 0;
  // One statement when there is nothing to fill (a dial result's case), not one per table.
  const missing = (await anyWithoutKey(db, dialect, {})).rows[0];
  if (missing?.lead === null && missing.dnc === null) return 0;
  let filled = 0;
  for (;;) {
    const leads = await leadsWithoutKey(db, dialect, {});
    for (const lead of leads.rows) {
      await db.updateTable('leads').set({ phone_key: normalisePhone(lead.phone) } as never).where('id', '=', lead.id).execute();
    }
    filled += leads.rows.length;
    if (leads.rows.length < BATCH) break;
  }
  const dnc = await dncWithoutKey(db, dialect, {});
  for (const row of dnc.rows) {
    await db.updateTable('dnc_numbers').set({ phone_key: normalisePhone(row.phone) } as never).where('phone', '=', row.phone).execute();
  }
  return filled + dnc.rows.length;
}
