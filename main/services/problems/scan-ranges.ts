// The ranges of a problem scan: a scope's leads in consecutive id ranges, and the scope as SQL
// (the classifier itself is problem-sql-plan.ts).
import { sql, type SqlBool } from 'kysely';
import type { Db, Dialect } from '../../db/dialect';
import { executeRecurring } from '../../db/query/batch-params';
import type { LeadScope } from '../leads/lead-repository';

/** The scope (a list, a campaign's lists, or everything) over the leads aliased `alias`. */
export function scopeFilter(scope: LeadScope, alias: string) {
  const parts = [];
  if (scope.listId !== undefined) parts.push(sql<SqlBool>`${sql.ref(`${alias}.list_id`)} = ${scope.listId}`);
  if (scope.campaignId !== undefined) {
    parts.push(sql<SqlBool>`${sql.ref(`${alias}.list_id`)} in (select id from lead_lists where campaign_id = ${scope.campaignId})`);
  }
  return parts.length === 0 ? sql<SqlBool>`1 = 1` : sql.join(parts, sql` and `);
}

/**
 * Where the scope's first range starts: just before its first lead. From id 0, a list whose leads
 * come after a big list's had a first range over all of that list's ids, and the range's calls
 * (read by id range, beside the scope's leads) were all of the big list's calls: 2.3 s for a range
 * of 20,000 leads on the DELHI-shaped database, holding the long-work thread (issue 22).
 */
export async function scopeStart(db: Db, scope: LeadScope): Promise<number> {
  const lists = [];
  if (scope.listId !== undefined) lists.push(sql<SqlBool>`ll.id = ${scope.listId}`);
  if (scope.campaignId !== undefined) lists.push(sql<SqlBool>`ll.campaign_id = ${scope.campaignId}`);
  // Each list's first lead along leads(list_id, id): `order by id limit 1` over a campaign's
  // lists walks the leads before them (930,000 rows for the DELHI shape's last campaign).
  const first =
    lists.length === 0
      ? await sql<{ id: number | null }>`select min(l.id) as id from leads l`.execute(db)
      : await sql<{ id: number | null }>`select min((select min(l.id) from leads l where l.list_id = ll.id)) as id
          from lead_lists ll where ${sql.join(lists, sql` and `)}`.execute(db);
  const id = first.rows[0]?.id;
  return id === null || id === undefined ? 0 : Number(id) - 1;
}

/**
 * The end of the next range of `size` leads after `afterId` (in scope) and how many leads it holds.
 * Null when no lead is left.
 */
export async function nextLeadRange(db: Db, dialect: Dialect, scope: LeadScope, afterId: number, size: number): Promise<{ upTo: number; count: number } | null> {
  // Named on PostgreSQL (the text is the same for every range): planned once, not 400 times.
  const boundary = await executeRecurring(db, dialect, sql<{ id: number }>`select id from leads l where l.id > ${afterId} and ${scopeFilter(scope, 'l')}
    order by l.id limit 1 offset ${size - 1}`);
  if (boundary.rows[0]) return { upTo: Number(boundary.rows[0].id), count: size };
  const rest = await sql<{ n: number; last: number | null }>`select count(*) as n, max(l.id) as last from leads l
    where l.id > ${afterId} and ${scopeFilter(scope, 'l')}`.execute(db);
  const n = Number(rest.rows[0]?.n ?? 0);
  return n === 0 ? null : { upTo: Number(rest.rows[0].last), count: n };
}
