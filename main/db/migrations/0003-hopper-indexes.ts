// The hopper asks which timezones a campaign's leads are called in, to evaluate each calling
// window once in JavaScript. This index turns that question into a few probes (a loose index
// scan) instead of a read of every lead.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, _d: Dialect): Promise<void> {
  await db.schema.createIndex('leads_timezone').on('leads').column('timezone').execute();
}
