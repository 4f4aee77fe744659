// Floors of the problem report and the fix: docs/domain.md "Problem leads and how they are fixed" as
// set-based SQL. One pass over the calls per lead (count, answered, latest start), the class of
// every lead in one CASE, and for the fix the new values of every problem lead in a temp table,
// then one statement each for leads, audit, undo rows and call logs.
import { sql, type RawBuilder } from 'kysely';
import { PROBLEM_CLASSES } from '../../shared/catalogue/problem-classes';
import { writeTransaction } from '../../main/db/dialect';
import type { DbHandle } from '../../main/db/open-database';
import { UNIFORM_VOCABULARY, answeredList, callResultSql, laterSql, mayChangeSql, normSql, statusList, type Vocabulary } from './sql-words';

const r = (s: string) => sql.raw(s);

/** leads l + their call summary g(n, a, latest_at) + the class `cls` (1..4, NULL for none). */
function classifiedLeads(v: Vocabulary): RawBuilder<unknown> {
  const S = normSql(r('l.status'), v);
  // Blank: NULL, or the empty word (the only blank spelling the datasets store).
  const blank = sql`(l.status is null or l.status = '')`;
  const lastDial = laterSql(r('l.last_dial_attempt'), r('g.latest_at'));
  const dialed = sql`(l.dial_attempts > 0 or coalesce(g.n, 0) > 0)`;
  const cls = sql`(case
    when ${blank} and ${dialed} then 1
    when ${S} = 'new' and ${dialed} and (l.last_status_change is null or ${lastDial} > l.last_status_change) then 1
    when coalesce(g.n, 0) > 0 and (l.dial_attempts < g.n or l.answered_count < g.a or l.last_dial_attempt is null
      or l.last_dial_attempt < g.latest_at) then 2
    when ${blank} then 3
    when l.status not in (${statusList()}) then 4
    else null end)`;
  const calls = sql`select c.lead_id, count(*) as n,
      sum(case when ${callResultSql(r('c.result'), r('c.hangup_cause'), v)} in (${answeredList(v)}) then 1 else 0 end) as a,
      max(c.started_at) as latest_at
    from call_logs c join leads l2 on l2.id = c.lead_id
    where l2.attempts_reset_at is null or c.started_at > l2.attempts_reset_at
    group by c.lead_id`;
  return sql`select l.id, l.status, l.dial_attempts, l.answered_count, l.last_dial_attempt, l.dial_result, l.last_status_change,
      l.attempts_reset_at, coalesce(g.n, 0) as n, coalesce(g.a, 0) as a, g.latest_at, ${cls} as cls, ${S} as norm
    from leads l left join (${calls}) g on g.lead_id = l.id
    ${v.campaignId === undefined ? sql`` : sql`where l.list_id in (select id from lead_lists where campaign_id = ${v.campaignId})`}`;
}

export interface ReportFloorResult {
  issues: Record<string, number>;
  not_fixable: number;
}

export async function reportFloor(h: DbHandle, v: Vocabulary = UNIFORM_VOCABULARY): Promise<ReportFloorResult> {
  const rows = await sql<{ cls: number; fixable: number; n: number }>`select cls, case when cls = 4 and norm is null then 0 else 1 end as fixable, count(*) as n
    from (${classifiedLeads(v)}) x where cls is not null group by 1, 2`.execute(h.db);
  const issues: Record<string, number> = Object.fromEntries(PROBLEM_CLASSES.map((c) => [c, 0]));
  let notFixable = 0;
  for (const row of rows.rows) {
    issues[PROBLEM_CLASSES[Number(row.cls) - 1]] += Number(row.n);
    if (Number(row.fixable) === 0) notFixable += Number(row.n);
  }
  return { issues, not_fixable: notFixable };
}

/**
 * The fix's plan in temp table fix_next (one row per fixable problem lead, its new values), in the
 * transaction `trx`: the dry run's floor reads it, the fix's writes from it.
 */
async function planFixFloor(trx: DbHandle['db'], dialect: DbHandle['dialect'], nowIso: string, v: Vocabulary): Promise<void> {
  const ts = r(dialect.timestampType);
  const now = sql`cast(${nowIso} as ${ts})`;
  const temp = dialect.name === 'postgres' ? sql`create temp table fix_plan on commit drop as` : sql`create temp table fix_plan as`;
  // The latest call's classified result, read only for the leads of classes 1 and 2.
  const latest = sql`(select ${callResultSql(r('c.result'), r('c.hangup_cause'), v)} from call_logs c
    where c.lead_id = x.id and (x.attempts_reset_at is null or c.started_at > x.attempts_reset_at)
    order by c.started_at desc, c.id desc limit 1)`;
  {
    await sql`${temp} select x.*, case when x.cls in (1, 2) and x.n > 0 then ${latest} else null end as latest_result
      from (${classifiedLeads(v)}) x where x.cls is not null and not (x.cls = 4 and x.norm is null)`.execute(trx);
    // Class 1-2 repair (docs/domain.md): counters up to the calls, last dial the later one, and the
    // status moves to the latest result as a call would.
    const newest = sql`(p.n > 0 and (p.last_dial_attempt is null or p.latest_at >= p.last_dial_attempt))`;
    const moves = sql`(${newest} and (p.last_status_change is null or p.latest_at >= p.last_status_change) and ${mayChangeSql(r('p.norm'), r('p.latest_result'))})`;
    const repairedStatus = sql`(case when p.cls in (1, 2) and ${moves} then p.latest_result else p.status end)`;
    const repairedChange = sql`(case when p.cls in (1, 2) and ${moves} then p.latest_at else p.last_status_change end)`;
    const repairedLastDial = sql`(case when p.cls in (1, 2) then ${laterSql(r('p.last_dial_attempt'), r('p.latest_at'))} else p.last_dial_attempt end)`;
    const dialOutcome = sql`(case when ${normSql(r('p.dial_result'), v)} is not null and ${normSql(r('p.dial_result'), v)} <> 'new' then ${normSql(r('p.dial_result'), v)} else 'failed' end)`;
    const c1Target = sql`(case when p.n > 0 then p.latest_result else ${dialOutcome} end)`;
    const nextStatus = sql`(case when p.cls = 1 then ${c1Target} when p.cls = 3 then 'new' else ${repairedStatus} end)`;
    const finalStatus = sql`coalesce(${normSql(nextStatus, v)}, ${nextStatus})`;
    const nextChange = sql`(case when p.cls = 1 and ${repairedStatus} is distinct from ${c1Target} then coalesce(${repairedLastDial}, ${now})
      else ${repairedChange} end)`;
    const plan = sql`select p.id, p.status as old_status, p.dial_attempts as old_attempts, p.last_status_change as old_change, p.attempts_reset_at,
        p.cls, ${finalStatus} as status,
        case when p.cls in (1, 2) and p.n > p.dial_attempts then p.n else p.dial_attempts end as dial_attempts,
        case when p.cls in (1, 2) and p.a > p.answered_count then p.a else p.answered_count end as answered_count,
        ${repairedLastDial} as last_dial_attempt,
        case when p.cls in (1, 2) and ${newest} then p.latest_result else p.dial_result end as dial_result,
        ${nextChange} as last_status_change
      from fix_plan p`;
    const next = dialect.name === 'postgres' ? sql`create temp table fix_next on commit drop as ${plan}` : sql`create temp table fix_next as ${plan}`;
    await sql`${next}`.execute(trx);
  }
}

/** The dry run's floor: the fix's plan, then the statuses it would leave (nothing written). */
export async function dryRunFloor(h: DbHandle, nowIso: string, v: Vocabulary = UNIFORM_VOCABULARY): Promise<Record<string, number>> {
  const { db, dialect } = h;
  return db.transaction().execute(async (trx) => {
    await planFixFloor(trx, dialect, nowIso, v);
    const rows = await sql<{ status: string; n: number }>`select status, count(*) as n from fix_next group by status`.execute(trx);
    if (dialect.name === 'sqlite') {
      await sql`drop table fix_plan`.execute(trx);
      await sql`drop table fix_next`.execute(trx);
    }
    return Object.fromEntries(rows.rows.map((row) => [row.status, Number(row.n)]));
  });
}

/** The fix floor: returns how many leads it wrote. */
export async function fixFloor(h: DbHandle, opId: string, nowIso: string, v: Vocabulary = UNIFORM_VOCABULARY): Promise<number> {
  const { db, dialect } = h;
  const now = sql`cast(${nowIso} as ${r(dialect.timestampType)})`;
  return writeTransaction(db, dialect, async (trx) => {
    await sql`insert into operations (id, kind, state, params, started_at) values (${opId}, 'fix', 'running', '{}', ${now})`.execute(trx);
    await planFixFloor(trx, dialect, nowIso, v);
    const classNames = sql`case n.cls ${sql.join(PROBLEM_CLASSES.map((c, i) => sql`when ${i + 1} then ${c}`), sql` `)} end`;
    await sql`insert into lead_status_audit (lead_id, old_status, new_status, source, operation_id, reason, created_at)
      select n.id, n.old_status, n.status, 'fix', ${opId}, ${classNames}, ${now} from fix_next n
      where n.status is distinct from n.old_status`.execute(trx);
    await sql`insert into operation_leads (operation_id, lead_id, old_status, new_status, old_dial_attempts, new_dial_attempts,
        old_attempts_reset_at, new_attempts_reset_at, old_last_status_change, new_last_status_change)
      select ${opId}, n.id, n.old_status, n.status, n.old_attempts, n.dial_attempts, n.attempts_reset_at, n.attempts_reset_at,
        n.old_change, n.last_status_change from fix_next n`.execute(trx);
    const written = await sql`update leads set status = n.status, dial_attempts = n.dial_attempts, answered_count = n.answered_count,
        last_dial_attempt = n.last_dial_attempt, dial_result = n.dial_result, last_status_change = n.last_status_change
      from fix_next n where n.id = leads.id`.execute(trx);
    await sql`update call_logs set lead_synced_at = ${now} where lead_synced_at is null and lead_id in (select id from fix_next)`.execute(trx);
    await sql`update operations set state = 'done', finished_at = ${now} where id = ${opId}`.execute(trx);
    if (dialect.name === 'sqlite') {
      await sql`drop table fix_plan`.execute(trx);
      await sql`drop table fix_next`.execute(trx);
    }
    return Number(written.numAffectedRows ?? 0);
  });
}
