// SQLite's planner reads sqlite_stat1 (written by ANALYZE) for each index it has rows for, and
// assumes its defaults for an index it has none for. A database analyzed before a migration added
// an index is such a mix, and the defaults make the new index look far more selective than its
// analyzed neighbours. Measured at ten million leads: a recycle took each batch's leads from
// leads_list_counts (list, status) and sorted them by id, every batch re-reading the rest of the
// list (still running after 14 minutes), instead of walking leads(list_id, id) once (the plan of
// the same database fully analyzed, and of one never analyzed). The console never runs ANALYZE
// itself, but a dialer's or an administrator's may have, and the bench's bases are analyzed.
// migrate.ts runs this after any migration it applies (PostgreSQL keeps statistics per column:
// an index on existing columns needs none of its own).
import { sql, type Kysely } from 'kysely';

/**
 * Analyzes each index that has no statistics on a table whose other indexes have some: the mix
 * above. A database never analyzed (no sqlite_stat1), or a table empty when it was (no index
 * rows), keeps the defaults for every index alike. Returns the indexes analyzed. Each ANALYZE
 * reads its index once (seconds at ten million leads).
 */
export async function analyzeIndexesWithoutStatistics(db: Kysely<any>): Promise<string[]> {
  const stats = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'sqlite_stat1'`.execute(db);
  if (Number(stats.rows[0].n) === 0) return [];
  const missing = await sql<{ name: string }>`select m.name from sqlite_master m
    where m.type = 'index' and m.name not like 'sqlite_%'
      and exists (select 1 from sqlite_stat1 s where s.tbl = m.tbl_name and s.idx is not null and cast(s.stat as integer) > 0)
      and not exists (select 1 from sqlite_stat1 s where s.idx = m.name)
    order by m.name`.execute(db);
  for (const { name } of missing.rows) await sql`analyze ${sql.id(name)}`.execute(db);
  return missing.rows.map((r) => r.name);
}
