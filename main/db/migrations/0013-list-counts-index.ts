// The counts of one list or campaign (issues 18 and 19), one index for all of them:
// - "why is the hopper empty" (explain) counts a campaign's leads per (list, status, timezone,
//   dial count) and asks the eligibility rules once per group (services/hopper/lead-rule-counts.ts;
//   the delay, DNC, hopper and callback rules read their few leads one by one);
// - the dialable count (hopper stats' eligible now, the reports' dialable column and leads left
//   today) is that count read as "no rule";
// - the penetration report groups a list's leads by (status, timezone, attempts).
// leads(list_id, status, timezone, dial_attempts, last_dial_attempt, phone_key) holds every column
// these read, in the order they group by: both databases read the index alone, in order, never
// the table (SQLite's covering index, PostgreSQL's index-only scan). At 1M leads the 400k-lead
// list's grouping went from ~1.5 s of table rows to ~40 ms of index (docs/performance.md).
// Two branches built one index each with the same first four columns; one index serves both, and
// each dial result moves one entry more, not two (its attempts and last dial change).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('leads_list_counts')
    .ifNotExists()
    .on('leads')
    .columns(['list_id', 'status', 'timezone', 'dial_attempts', 'last_dial_attempt', 'phone_key'])
    .execute();
}
