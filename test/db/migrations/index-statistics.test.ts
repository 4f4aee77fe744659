// An index added to an analyzed SQLite database gets statistics of its own (migrations/index-statistics.ts):
// with rows in sqlite_stat1 for its neighbours and none for it, the planner misjudged it. The
// analysis is SQLite's (PostgreSQL keeps statistics per column, and an index on existing columns
// needs none); the migration path that runs it is tested on both.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../../main/db/migrations/migrate';
import { analyzeIndexesWithoutStatistics } from '../../../main/db/migrations/index-statistics';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';

const statRows = async (h: { db: Parameters<typeof analyzeIndexesWithoutStatistics>[0] }, idx: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where idx = ${idx}`.execute(h.db)).rows[0].n);

describeEachDialect(
  'statistics of indexes added after an ANALYZE',
  ({ h }) => {
    it('leaves a database never analyzed as it is', async () => {
      expect(await analyzeIndexesWithoutStatistics(h.db)).toEqual([]);
      const stat1 = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(h.db);
      expect(Number(stat1.rows[0].n)).toBe(0);
    });

    it('analyzes the indexes an analyzed table lacks statistics for, and only those', async () => {
      const list = await makeList(h, await makeCampaign(h, 'Solar'));
      for (let i = 0; i < 20; i++) await makeLead(h, list, { status: i % 2 ? 'busy' : 'new' });
      await sql`analyze`.execute(h.db);
      expect(await statRows(h, 'leads_list_id')).toBe(1);
      // As if 0013 and 0016 had added their indexes after the ANALYZE.
      await sql`delete from sqlite_stat1 where idx in ('leads_list_counts', 'leads_list_id')`.execute(h.db);
      expect(await analyzeIndexesWithoutStatistics(h.db)).toEqual(['leads_list_counts', 'leads_list_id']);
      expect(await statRows(h, 'leads_list_counts')).toBe(1);
      expect(await statRows(h, 'leads_list_id')).toBe(1);
      expect(await analyzeIndexesWithoutStatistics(h.db)).toEqual([]);
    });
  },
  { dialects: ['sqlite'] },
);

// The step runs inside migrateToLatest on both databases' path: PostgreSQL applies the same
// migrations with nothing to analyze (its statistics are per column), SQLite analyzes the new index.
describeEachDialect('statistics after a migration that adds an index', ({ h, dialect }) => {
  it('runs after a migration that adds an index', async () => {
    const list = await makeList(h, await makeCampaign(h, 'Solar'));
    for (let i = 0; i < 20; i++) await makeLead(h, list, { status: 'new' });
    await sql`analyze`.execute(h.db);
    if (dialect === 'sqlite') await sql`delete from sqlite_stat1 where idx = 'leads_list_id'`.execute(h.db);
    await sql`drop index leads_list_id`.execute(h.db);
    await sql`delete from kysely_migration where name >= '0016'`.execute(h.db);
    const result = await migrateToLatest(h.db, h.dialect);
    expect(result.applied).toEqual(['0016-leads-by-list', '0017-index-statistics']);
    if (dialect === 'sqlite') expect(await statRows(h, 'leads_list_id')).toBe(1);
    else expect(Number((await sql<{ n: number }>`select count(*) as n from pg_indexes where indexname = 'leads_list_id'`.execute(h.db)).rows[0].n)).toBe(1);
  });
});
