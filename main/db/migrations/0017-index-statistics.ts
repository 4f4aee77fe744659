// Statistics for the indexes 0013 and 0016 added to a SQLite database that had been analyzed
// before them: with statistics for some indexes and not these, the planner misjudged them, and a
// recycle of a 4M-lead list at ten million leads sorted every batch anew (index-statistics.ts).
// The work is migrateToLatest's step after any migration it applies; this migration has none of
// its own, so that databases migrated before that step existed get it once. (A migration stands
// alone: it never calls a helper that may change.)
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<any>): Promise<void> {}
