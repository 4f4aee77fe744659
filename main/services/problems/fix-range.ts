// One range of a problem scan or fix, set-based (problem-sql-plan.ts classifies and plans in the
// database): a scan reads the range's counts per class; a fix, in the range's own write
// transaction, locks the range's leads, plans them into a scratch table and writes leads, audit
// rows, undo rows (operation_leads), cancelled callbacks and applied calls from it, one statement
// each. No lead leaves the database.
import { sql } from 'kysely';
import { clearScratchTable, createScratchTable, writeTransaction, type Db, type Dialect } from '../../db/dialect';
import { executeRecurring } from '../../db/query/batch-params';
import type { Clock } from '../../db/time';
import type { FixMode } from '../../../shared/types/status';
import type { SavedAliases } from '../../../shared/catalogue';
import { insertAuditRowsFrom, type LeadScope } from '../leads/lead-repository';
import { recordFixedLeadsFrom } from '../operations/operation-leads';
import { scopeFilter } from './scan-ranges';
import { className, planSelect, samplesSelect, type PlanQuery } from './problem-sql-plan';
import { SqlWords } from './problem-sql-words';
import type { LeadRange } from './range-pipeline';

/** How many problem leads of one class (and, when planned, one new status) a range holds. */
export interface ClassTally {
  /** 1-4: PROBLEM_CLASSES[cls - 1]. */
  cls: number;
  fixable: boolean;
  /** The status a fix leaves (null in a report). */
  status: string | null;
  n: number;
}

/** What one run of the fixer does to every range. */
export interface FixRun {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  scope: LeadScope;
  mode: FixMode;
  /** The fix's operation (null unless fixing). */
  operationId: string | null;
  source: 'fix' | 'reconcile';
  /** The words a person mapped read as aliases for the whole run (domain.md, status words). */
  saved: SavedAliases;
  /** Lead ids kept per class; `needSamples` says whether the report still wants some. */
  sampleSize: number;
  needSamples: () => boolean;
}

export interface RangeOutcome {
  range: LeadRange;
  tallies: ClassTally[];
  /** Up to `sampleSize` problem leads per class, in id order (when the report still wanted some). */
  samples: { id: number; cls: number }[];
  fixed: number;
  /** Set when a fix's range rolled back. */
  error?: Error;
}

const SCRATCH = 'fix_plan';

function tallies(rows: { cls: number | string; fixable: number | string | boolean; status: string | null; n: number | string }[]): ClassTally[] {
  return rows.map((row) => ({ cls: Number(row.cls), fixable: Number(row.fixable) === 1, status: row.status, n: Number(row.n) }));
}

const samplesOf = (rows: { id: number | string; cls: number | string }[]) => rows.map((row) => ({ id: Number(row.id), cls: Number(row.cls) }));

function planQuery(run: FixRun, range: LeadRange, words: SqlWords): PlanQuery {
  return {
    dialect: run.dialect,
    words,
    scope: run.scope,
    afterId: range.afterId,
    upTo: range.upTo,
    nowIso: run.clock().toISOString(),
    withPlan: run.mode !== 'report',
  };
}

/** A scan (report or dry run): the range's counts, computed in the database. */
async function scanRange(run: FixRun, range: LeadRange, words: SqlWords): Promise<RangeOutcome> {
  const q = planQuery(run, range, words);
  const counts = await executeRecurring(
    run.db,
    run.dialect,
    sql<{ cls: number; fixable: number; status: string | null; n: number }>`select g.cls, g.fixable, g.new_status as status, count(*) as n
      from (${planSelect(q)}) g group by g.cls, g.fixable, g.new_status`,
  );
  const samples = run.needSamples() ? samplesOf((await executeRecurring(run.db, run.dialect, samplesSelect(q, run.sampleSize))).rows) : [];
  return { range, tallies: tallies(counts.rows), samples, fixed: 0 };
}

const SCRATCH_COLUMNS = (ts: string) =>
  sql.raw(`id integer primary key, cls integer, fixable integer, changed integer, status_changed integer, final integer,
    old_status text, old_dial_attempts integer, old_answered_count integer, old_last_dial_attempt ${ts}, old_dial_result text,
    old_last_status_change ${ts}, attempts_reset_at ${ts}, new_status text, new_dial_attempts integer, new_answered_count integer,
    new_last_dial_attempt ${ts}, new_dial_result text, new_last_status_change ${ts}`);

/** A fix of one range, in its transaction `trx`: plan into the scratch table, then write from it. */
async function fixRangeIn(trx: Db, run: FixRun, range: LeadRange, words: SqlWords): Promise<RangeOutcome> {
  const { dialect, operationId, source } = run;
  const q = planQuery(run, range, words);
  const now = sql`cast(${q.nowIso} as ${sql.raw(dialect.timestampType)})`;
  // The range's leads stay as read until the commit (PostgreSQL row locks; SQLite's write lock already).
  await executeRecurring(trx, dialect, sql`select count(*) as n from (select l.id from leads l
    where l.id > ${range.afterId} and l.id <= ${range.upTo} and ${scopeFilter(run.scope, 'l')} ${dialect.forUpdateClause('l')}) z`);
  await sql`${createScratchTable(dialect, SCRATCH, SCRATCH_COLUMNS(dialect.timestampType))}`.execute(trx);
  await executeRecurring(trx, dialect, sql`insert into ${sql.table(SCRATCH)} ${planSelect(q)}`);
  const p = sql.table(SCRATCH);
  const counts = await sql<{ cls: number; fixable: number; status: string | null; n: number }>`select cls, fixable,
      case when fixable = 1 then new_status else null end as status, count(*) as n from ${p} group by 1, 2, 3`.execute(trx);
  const samples = run.needSamples()
    ? samplesOf(
        (
          await sql<{ id: number; cls: number }>`select s.id, s.cls from (select id, cls, row_number() over (partition by cls order by id) as rn
            from ${p}) s where s.rn <= ${sql.lit(run.sampleSize)} order by s.id`.execute(trx)
        ).rows,
      )
    : [];
  // What a fix writes: the fixable leads whose tracking changes.
  const written = sql`fixable = 1 and changed = 1`;
  const updated = await sql`update leads set status = p.new_status, dial_attempts = p.new_dial_attempts, answered_count = p.new_answered_count,
      last_dial_attempt = p.new_last_dial_attempt, dial_result = p.new_dial_result, last_status_change = p.new_last_status_change
    from ${p} as p where leads.id = +p.id and p.fixable = 1 and p.changed = 1`.execute(trx);
  await insertAuditRowsFrom(
    trx,
    sql`select id, old_status, new_status, ${source}, ${operationId}, ${className(sql.raw('cls'))}, ${now}
      from ${p} where ${written} and status_changed = 1 order by id`,
  );
  // docs/domain.md "Callbacks": a lead set to a final status cancels its pending callbacks.
  await sql`update callbacks set state = 'cancelled' where state = 'pending'
    and lead_id in (select id from ${p} where ${written} and status_changed = 1 and final = 1)`.execute(trx);
  await recordFixedLeadsFrom(
    trx,
    sql`select ${operationId}, id, old_status, new_status, old_dial_attempts, new_dial_attempts, attempts_reset_at, attempts_reset_at,
        old_last_status_change, new_last_status_change, 1, old_answered_count, new_answered_count, old_last_dial_attempt, new_last_dial_attempt,
        old_dial_result, new_dial_result
      from ${p} where ${written} order by id`,
  );
  // The calls a fix has taken into account are applied: the sync must not count them again.
  await sql`update call_logs set lead_synced_at = ${now} where lead_synced_at is null and lead_id in (select id from ${p} where ${written})`.execute(trx);
  const clear = clearScratchTable(dialect, SCRATCH);
  if (clear) await clear.execute(trx);
  return { range, tallies: tallies(counts.rows), samples, fixed: Number(updated.numAffectedRows ?? 0) };
}

/** One range checked (and, when fixing, written in its own transaction). */
export async function runRange(run: FixRun, range: LeadRange): Promise<RangeOutcome> {
  const words = new SqlWords(run.dialect, run.saved);
  if (run.mode !== 'fix') return scanRange(run, range, words);
  try {
    return await writeTransaction(run.db, run.dialect, (trx) => fixRangeIn(trx, run, range, words));
  } catch (error) {
    // The range rolled back as a whole; its leads count as errors and the fix goes on.
    return { range, tallies: [], samples: [], fixed: 0, error: error as Error };
  }
}
