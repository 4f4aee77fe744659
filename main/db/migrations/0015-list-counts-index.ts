// The counts of one list or campaign (issues 18 and 19): the penetration report groups a list's
// leads by (status, timezone, attempts), and the dialable count (hopper/dialable-counts.ts: the
// reports' dialable column and leads left today, hopper stats' eligible now) filters them by
// status, attempts, last dial, phone key and timezone. leads(list_id, status, timezone,
// dial_attempts, last_dial_attempt, phone_key) holds every column either reads, in the order the
// report groups by: both read the index alone, never the table (SQLite's covering index,
// PostgreSQL's index-only scan), and the report's groups come out in order (no sort). At 1M leads
// the 400,000-lead list's grouping went from reading 400,000 table rows (~1.5 s) to ~40 ms of
// index, and a dialable count of it from ~0.45 to ~0.15 s of CPU (docs/performance.md).
// One more index each dial result writes (its attempts and last dial change): measured there.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, _d: Dialect): Promise<void> {
  await db.schema
    .createIndex('leads_list_counts')
    .on('leads')
    .columns(['list_id', 'status', 'timezone', 'dial_attempts', 'last_dial_attempt', 'phone_key'])
    .execute();
}
