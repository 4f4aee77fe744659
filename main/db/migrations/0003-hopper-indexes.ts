// Indexes of the hopper. It asks which timezones leads are called in, to evaluate each calling
// window once in JavaScript: leads(timezone) turns that into a few probes (a loose index scan)
// instead of a read of every lead.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, d: Dialect): Promise<void> {
  await db.schema.createIndex('leads_timezone').on('leads').column('timezone').execute();
  // The hopper reads each (list, status) in (last dial, id) order and stops after a few hundred
  // rows. SQLite's leads(list_id, status, last_dial_attempt) index already ends with the rowid;
  // PostgreSQL's needs the id spelled out, or it sorts the whole range first.
  if (d.name === 'postgres') {
    await db.schema.createIndex('leads_hopper_order').on('leads').columns(['list_id', 'status', 'last_dial_attempt', 'id']).execute();
  }
}
