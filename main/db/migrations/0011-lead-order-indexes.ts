// The lead orders by dial count (domain.md, second part: `down_count`, `up_count`) read each
// (list, status) of a campaign as a stream along leads(list_id, status, dial_attempts, id), below
// the attempt cap, and stop after a few hundred rows (main/services/hopper/lead-selection.ts);
// without it each fill sorted every eligible lead of the campaign (hundreds of milliseconds at a
// million leads). The id is spelled out for PostgreSQL, whose index would otherwise leave equal
// counts in no particular order; on SQLite it is the rowid the index ends with anyway.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, _d: Dialect): Promise<void> {
  await db.schema.createIndex('leads_attempts_order').on('leads').columns(['list_id', 'status', 'dial_attempts', 'id']).execute();
}
