// The set-based problem classifier: docs/domain.md "Problem leads and how they are fixed" as one
// SELECT per range of leads, the class and (for a dry run or a fix) the planned values of every
// problem lead computed in the database. It follows classifyLead and planFix (problem-rules.ts,
// the reference) step by step; test/services/problems/problem-sql-equivalence.test.ts proves the
// two equal over random leads and calls on both databases. Why: on a list where most leads are
// problem leads, reading each lead and its calls into JavaScript cost 4-10x the database's own
// work (docs/performance.md, "The problem classifier in SQL").
import { sql, type RawBuilder } from 'kysely';
import { FINAL_STATUSES, PROBLEM_CLASSES } from '../../../shared/catalogue';
import type { Dialect } from '../../db/dialect';
import type { LeadScope } from '../leads/lead-repository';
import { scopeFilter } from './scan-ranges';
import type { SqlWords } from './problem-sql-words';

const r = (s: string) => sql.raw(s);

/** The later of two timestamps (laterOf), NULL-safe. */
function later(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(case when ${a} is null then ${b} when ${b} is null then ${a} when ${b} > ${a} then ${b} else ${a} end)`;
}

export interface PlanQuery {
  dialect: Dialect;
  words: SqlWords;
  scope: LeadScope;
  afterId: number;
  upTo: number;
  /** The run's time (a class-1 lead with no dial time gets it as its last status change). */
  nowIso: string;
  /** Also plan the new values (a dry run or a fix); a report needs only the classes. */
  withPlan: boolean;
}

/**
 * Two steps of a WITH: `x0`, the range's leads with their calls' n, a, latest_at and their
 * status's norm; `x`, the same with its form and `cls` (1-4 or NULL). The norm is read once, in
 * its own step: each IN list costs SQLite a lookup, and the class tests the form several times.
 */
function classifiedSteps({ dialect, words, scope, afterId, upTo }: PlanQuery): RawBuilder<unknown> {
  const calls = sql`select c.lead_id as lead_id, count(*) as n, sum(${words.answered(r('c.result'))}) as a, max(c.started_at) as latest_at
    from call_logs c join leads cr on cr.id = c.lead_id
    where c.lead_id > ${afterId} and c.lead_id <= ${upTo}
      -- The same range on cr (cr.id = c.lead_id): without it PostgreSQL hashes all of leads per range.
      and cr.id > ${afterId} and cr.id <= ${upTo}
      and (cr.attempts_reset_at is null or c.started_at > cr.attempts_reset_at)
      -- A call nobody can date is no evidence (as in problem-rules.ts; the sync leaves it unapplied).
      and ${dialect.readableTime(r('c.started_at'))}
    group by c.lead_id`;
  const dialed = sql`(x0.dial_attempts > 0 or x0.n > 0)`;
  const form = words.form(r('x0.status'), r('x0.norm'));
  const cls = sql`(case
    when ${form} = 'b' and ${dialed} then 1
    when x0.norm = 'new' and ${dialed} and (x0.last_status_change is null or ${later(r('x0.last_dial_attempt'), r('x0.latest_at'))} > x0.last_status_change) then 1
    when x0.n > 0 and (x0.dial_attempts < x0.n or x0.answered_count < x0.a or x0.last_dial_attempt is null or x0.last_dial_attempt < x0.latest_at) then 2
    when ${form} = 'b' then 3
    when ${form} <> 'c' then 4
    else null end)`;
  return sql`x0 as materialized (select l.id, l.status, l.dial_attempts, l.answered_count, l.last_dial_attempt, l.dial_result, l.last_status_change,
      l.attempts_reset_at, coalesce(k.n, 0) as n, coalesce(k.a, 0) as a, k.latest_at, ${words.norm(r('l.status'))} as norm
    from leads l left join (${calls}) k on k.lead_id = l.id
    where l.id > ${afterId} and l.id <= ${upTo} and ${scopeFilter(scope, 'l')}),
  x as materialized (select x0.*, ${form} as form, ${cls} as cls from x0)`;
}

/** Up to `size` problem leads per class of the range, the lowest ids (the report's samples). */
export function samplesSelect(q: PlanQuery, size: number): RawBuilder<{ id: number; cls: number }> {
  return sql`with ${classifiedSteps(q)}
    select s.id, s.cls from (select x.id, x.cls, row_number() over (partition by x.cls order by x.id) as rn from x where x.cls is not null) s
    where s.rn <= ${sql.lit(size)} order by s.id`;
}

/**
 * The problem leads of the range, one row each (PlanRow), unordered. Materialised steps: SQLite
 * would otherwise inline each step into the next and run the latest-call lookup once per use.
 */
export function planSelect(q: PlanQuery): RawBuilder<PlanRow> {
  const { words, dialect } = q;
  if (!q.withPlan) {
    return sql<PlanRow>`with ${classifiedSteps(q)}
      select x.id, x.cls, case when x.cls = 4 and x.form = 'u' then 0 else 1 end as fixable, null as new_status from x where x.cls is not null`;
  }
  const now = sql`cast(${q.nowIso} as ${r(dialect.timestampType)})`;
  // The latest call's classified result, looked up only for the leads that use it.
  const latest = sql`(select ${words.callResult(r('c.result'), r('c.hangup_cause'))} from call_logs c
    where c.lead_id = x.id and (x.attempts_reset_at is null or c.started_at > x.attempts_reset_at)
      and ${dialect.readableTime(r('c.started_at'))}
    order by c.started_at desc, c.id desc limit 1)`;
  // repairTracking (classes 1 and 2, with calls).
  const repair = sql`(y.cls in (1, 2) and y.n > 0)`;
  const newest = sql`(${repair} and (y.last_dial_attempt is null or y.latest_at >= y.last_dial_attempt))`;
  const moves = sql`(${newest} and (y.last_status_change is null or y.latest_at >= y.last_status_change) and ${words.mayChange(r('y.norm'), r('y.latest_result'))})`;
  const repStatus = sql`(case when ${moves} then y.latest_result else y.status end)`;
  const repChange = sql`(case when ${moves} then y.latest_at else y.last_status_change end)`;
  const repLastDial = sql`(case when ${repair} then ${later(r('y.last_dial_attempt'), r('y.latest_at'))} else y.last_dial_attempt end)`;
  // Class 1's status: the latest call's result, else a known dial outcome from dial_result, else failed.
  const dialOutcome = words.norm(r('y.dial_result'));
  const c1Target = sql`(case when y.n > 0 then y.latest_result when ${dialOutcome} is not null and ${dialOutcome} <> 'new' then ${dialOutcome} else 'failed' end)`;
  // The stored word kept (classes 2 and 4), in its catalogue form when it is an alias.
  const kept = sql`(case when y.form = 'a' then y.norm else y.status end)`;
  const status = sql`(case y.cls when 1 then ${c1Target} when 3 then 'new' when 2 then (case when ${moves} then y.latest_result else ${kept} end) else ${kept} end)`;
  const change = sql`(case when y.cls = 1 and ${repStatus} is distinct from ${c1Target} then coalesce(${repLastDial}, ${now}) else ${repChange} end)`;
  const plan = sql`select y.*, ${status} as new_status,
      case when ${repair} and y.n > y.dial_attempts then y.n else y.dial_attempts end as new_dial_attempts,
      case when ${repair} and y.a > y.answered_count then y.a else y.answered_count end as new_answered_count,
      ${repLastDial} as new_last_dial_attempt,
      case when ${newest} then y.latest_result else y.dial_result end as new_dial_result,
      ${change} as new_last_status_change
    from y`;
  return sql<PlanRow>`with ${classifiedSteps(q)},
    y as materialized (select x.*, case when x.cls in (1, 2) and x.n > 0 then ${latest} else null end as latest_result from x where x.cls is not null),
    p as materialized (${plan})
    select p.id, p.cls, case when p.cls = 4 and p.form = 'u' then 0 else 1 end as fixable,
      case when p.new_status is distinct from p.status or p.new_dial_attempts <> p.dial_attempts or p.new_answered_count <> p.answered_count
        or p.new_last_dial_attempt is distinct from p.last_dial_attempt or p.new_dial_result is distinct from p.dial_result
        or p.new_last_status_change is distinct from p.last_status_change then 1 else 0 end as changed,
      case when p.new_status is distinct from p.status then 1 else 0 end as status_changed,
      case when p.new_status in (${sql.join(FINAL_STATUSES.map((s) => sql`${s}`))}) then 1 else 0 end as final,
      p.status as old_status, p.dial_attempts as old_dial_attempts, p.answered_count as old_answered_count,
      p.last_dial_attempt as old_last_dial_attempt, p.dial_result as old_dial_result, p.last_status_change as old_last_status_change,
      p.attempts_reset_at, p.new_status, p.new_dial_attempts, p.new_answered_count, p.new_last_dial_attempt, p.new_dial_result, p.new_last_status_change
    from p`;
}

/** One problem lead of a range as the classifier gives it (the new_* and flags only `withPlan`). */
export interface PlanRow {
  id: number;
  /** 1-4: PROBLEM_CLASSES[cls - 1]. */
  cls: number;
  fixable: number;
  changed?: number;
  status_changed?: number;
  final?: number;
  old_status?: string | null;
  new_status?: string | null;
}

/** The SQL CASE naming a class number (the audit's reason). */
export function className(col: RawBuilder<unknown>): RawBuilder<string> {
  return sql`(case ${col} ${sql.join(PROBLEM_CLASSES.map((c, i) => sql`when ${sql.lit(i + 1)} then ${c}`), sql` `)} end)`;
}
