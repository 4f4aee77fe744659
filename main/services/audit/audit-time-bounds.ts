// The audit's date range without an index on created_at: migration 0006 dropped it, since each
// index on the audit is one more page every dial result writes. Rows are appended with the
// writer's clock, so the id order is the time order; a time bound becomes an id bound by a binary
// search over the primary key (about 20 one-row lookups at a million rows), and a page of a date
// range is then a walk of the primary key like any other page. The time condition is still
// applied to the rows read, so a row shown is always inside the range.
import { sql } from 'kysely';
import type { Db } from '../../db/dialect';

/** The smallest id whose row was written at or after `iso`, or null when every row is older. */
export async function firstIdAtOrAfter(db: Db, iso: string): Promise<number | null> {
  const at = Date.parse(iso);
  // Two scalar subqueries, not `select min(id), max(id)`: SQLite reads one end of the primary key
  // for a lone min() or max(), but scans the whole table for both in one select (45 ms at 1M rows).
  const range = await sql<{ lo: number | null; hi: number | null }>`select (select min(id) from lead_status_audit) as lo,
    (select max(id) from lead_status_audit) as hi`
    .execute(db)
    .then((r) => r.rows[0]);
  if (range?.lo == null || range.hi == null) return null;
  let lo = Number(range.lo);
  let hi = Number(range.hi);
  let found: number | null = null;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    // Ids may have gaps: the first row at or after mid (one exists, since mid <= the largest id).
    const row = await db.selectFrom('lead_status_audit').select(['id', 'created_at']).where('id', '>=', mid).orderBy('id').limit(1).executeTakeFirstOrThrow();
    if (Date.parse(String(row.created_at)) >= at) {
      found = Number(row.id);
      hi = mid - 1;
    } else {
      lo = Number(row.id) + 1;
    }
  }
  return found;
}
