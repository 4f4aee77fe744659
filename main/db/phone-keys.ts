// SQLite has no regexp to normalise phones inside the database, so the console fills the
// `phone_key` columns itself before any DNC check (PostgreSQL computes them as generated
// columns, and this is a no-op there). A row whose key is still NULL never passes a DNC check.
import { normalisePhone } from '../../shared/domain/phone';
import type { Db, Dialect } from './dialect';

const BATCH = 5000;

export async function ensurePhoneKeys(db: Db, dialect: Dialect): Promise<number> {
  if (dialect.name !== 'sqlite') return 0;
  let filled = 0;
  for (;;) {
    const leads = await db.selectFrom('leads').select(['id', 'phone']).where('phone_key', 'is', null).limit(BATCH).execute();
    for (const lead of leads) {
      await db.updateTable('leads').set({ phone_key: normalisePhone(lead.phone) } as never).where('id', '=', lead.id).execute();
    }
    filled += leads.length;
    if (leads.length < BATCH) break;
  }
  const dnc = await db.selectFrom('dnc_numbers').select('phone').where('phone_key', 'is', null).execute();
  for (const row of dnc) {
    await db.updateTable('dnc_numbers').set({ phone_key: normalisePhone(row.phone) } as never).where('phone', '=', row.phone).execute();
  }
  return filled + dnc.length;
}
