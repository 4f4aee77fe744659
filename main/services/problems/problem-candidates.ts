// The SQL side of the problem scan: per range of lead ids, the leads that MIGHT be problem leads
// (a superset of classifyLead's four classes). Only those leave the database; the exact class
// is still decided by the one rule in problem-rules.ts. Healthy leads — nearly all of a big list —
// are never read into JavaScript.
import { sql, type SqlBool } from 'kysely';
import { ANSWERED_RESULTS, STATUS_TRIM_CHARS, STATUSES, lowerCaseSpellingsOf } from '../../../shared/catalogue';
import { trimChars, type Db, type Dialect } from '../../db/dialect';
import { executeRecurring } from '../../db/query/batch-params';
import type { LeadScope } from '../leads/lead-repository';
import type { LeadRow } from '../leads/lead-tracking';

const ANSWERED_SPELLINGS = lowerCaseSpellingsOf(ANSWERED_RESULTS);

function scopeFilter(scope: LeadScope, alias: string) {
  const parts = [];
  if (scope.listId !== undefined) parts.push(sql<SqlBool>`${sql.ref(`${alias}.list_id`)} = ${scope.listId}`);
  if (scope.campaignId !== undefined) {
    parts.push(sql<SqlBool>`${sql.ref(`${alias}.list_id`)} in (select id from lead_lists where campaign_id = ${scope.campaignId})`);
  }
  return parts.length === 0 ? sql<SqlBool>`1 = 1` : sql.join(parts, sql` and `);
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

/**
 * The leads in (afterId, upTo] that may belong to a problem class, in id order; locked for
 * update on PostgreSQL when `lock` is set (a fix reads and writes them in one transaction).
 */
export async function problemCandidates(
  db: Db,
  dialect: Dialect,
  scope: LeadScope,
  afterId: number,
  upTo: number,
  lock = false,
): Promise<LeadRow[]> {
  const answered = sql`lower(${trimChars(dialect, sql.ref('c.result'), STATUS_TRIM_CHARS)}) in (${sql.join(ANSWERED_SPELLINGS)})`;
  const query = sql<LeadRow>`
    select l.id, l.list_id, l.phone, l.status, l.dial_attempts, l.answered_count, l.last_dial_attempt,
           l.dial_result, l.last_status_change, l.attempts_reset_at
    from leads l
    left join (
      select c.lead_id as lead_id, count(*) as n, max(c.started_at) as latest,
             sum(case when ${answered} then 1 else 0 end) as a
      from call_logs c join leads r on r.id = c.lead_id
      where c.lead_id > ${afterId} and c.lead_id <= ${upTo}
        -- The same range on r (r.id = c.lead_id): without it PostgreSQL hashes all of leads per range.
        and r.id > ${afterId} and r.id <= ${upTo}
        and (r.attempts_reset_at is null or c.started_at > r.attempts_reset_at)
      group by c.lead_id
    ) k on k.lead_id = l.id
    where l.id > ${afterId} and l.id <= ${upTo} and ${scopeFilter(scope, 'l')}
      and (
        l.status is null
        or l.status not in (${sql.join([...STATUSES])})
        or (l.status = 'new' and (l.dial_attempts > 0 or k.n > 0))
        or (k.n > 0 and (l.dial_attempts < k.n or l.answered_count < k.a
                         or l.last_dial_attempt is null or l.last_dial_attempt < k.latest))
      )
    order by l.id ${lock ? dialect.forUpdateClause('l') : sql``}`;
  const rows = await executeRecurring(db, dialect, query);
  return rows.rows;
}
