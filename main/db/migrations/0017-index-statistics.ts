// Statistics for the indexes 0013 and 0016 added to a SQLite database that had been analyzed
// before them (sqlite/index-statistics.ts: with statistics for some indexes and not these, the
// planner misjudged them, and a recycle of a 4M-lead list at ten million leads sorted every batch
// anew). Later migrations get the same through migrate.ts. PostgreSQL keeps its statistics per
// column, which a new index on existing columns needs no more of: nothing to do.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';
import { analyzeIndexesWithoutStatistics } from '../sqlite/index-statistics';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect.name === 'sqlite') await analyzeIndexesWithoutStatistics(db);
}
