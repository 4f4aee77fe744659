// The hopper's dialect-specific SQL, in one place. PostgreSQL: an advisory lock per campaign so
// that two fillers cannot both see room for the same rows, and `FOR UPDATE SKIP LOCKED` so that
// two claimers never take the same row. SQLite needs neither: every hopper write runs in one
// BEGIN IMMEDIATE transaction (writeTransaction), and SQLite has one writer at a time.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Dialect } from '../../db/dialect';
import { inAskedTurn } from '../../db/query/long-work';

/** First key of the two-key advisory lock: "HOPR", so it cannot collide with other locks by chance. */
const HOPPER_LOCK_CLASS = 0x484f5052;

/**
 * PostgreSQL, for the rest of the fill transaction: walk the (list, status, last dial, id) index
 * in order and stop at the limit, rather than bitmap-scan and sort the whole range. Its row
 * estimates for "status new and never dialed" assume independent columns and come out far too
 * low, which makes the sort look cheap (docs/performance.md, "Query plans that change with the
 * data"). (`set local enable_bitmapscan = off`, as an expression.)
 */
const preferOrderedIndexScans = sql`set_config('enable_bitmapscan', 'off', true)`;

/**
 * Serialises fillers of one campaign until the end of the current transaction (PostgreSQL only).
 * `preferOrderedIndexScans` also sets that for the rest of the transaction, in the same round trip.
 */
export async function lockCampaignHopper(trx: Db, dialect: Dialect, campaignId: number, opts: { preferOrderedIndexScans?: boolean } = {}): Promise<void> {
  if (dialect.name !== 'postgres') return;
  const ordered = opts.preferOrderedIndexScans ? sql`, ${preferOrderedIndexScans}` : sql``;
  await sql`select pg_advisory_xact_lock(${HOPPER_LOCK_CLASS}::int4, ${campaignId}::int4)${ordered}`.execute(trx);
}

export interface ClaimCandidate {
  id: number;
  lead_id: number;
}

/** The next `n` queued rows of a campaign whose lead passes `leadFilter`, by priority then age. */
export async function selectClaimable(
  trx: Db,
  dialect: Dialect,
  campaignId: number,
  n: number,
  leadFilter: RawBuilder<SqlBool>,
): Promise<ClaimCandidate[]> {
  let q = trx
    .selectFrom('dialer_hopper')
    .innerJoin('leads', 'leads.id', 'dialer_hopper.lead_id')
    .select(['dialer_hopper.id', 'dialer_hopper.lead_id'])
    .where('dialer_hopper.campaign_id', '=', campaignId)
    .where('dialer_hopper.state', '=', 'queued')
    .where(leadFilter)
    .orderBy('dialer_hopper.priority', 'desc')
    .orderBy('dialer_hopper.added_at')
    .orderBy('dialer_hopper.id')
    .limit(n);
  if (dialect.name === 'postgres') q = q.forUpdate('dialer_hopper').skipLocked();
  return q.execute();
}

/**
 * Runs `fn` with PostgreSQL planner settings that end with its transaction (set_config's `is_local`):
 * in a transaction of its own, or in the one `db` already is. SQLite: as it is.
 */
export async function withPlannerSettings<T>(db: Db, dialect: Dialect, settings: Record<string, string>, fn: (db: Db) => Promise<T>): Promise<T> {
  if (dialect.name !== 'postgres') return fn(db);
  const apply = async (trx: Db) => {
    // All settings in one statement: a count pays one round trip for them, not one per setting.
    const set = Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
    if (set.length > 0) await sql`select ${sql.join(set)}`.execute(trx);
    return fn(trx);
  };
  return db.isTransaction ? apply(db) : db.transaction().execute(apply);
}

/**
 * Runs `fn`, a count of a campaign's leads (lead-rule-counts.ts), with PostgreSQL's planner kept
 * on the index those counts read alone (leads_list_counts, migration 0013), for its transaction:
 * - **no parallel workers**: each statement walks ranges of the index, a few hundred nanoseconds
 *   a lead, and a parallel index scan hands the leaf pages to its workers one at a time, which
 *   costs more than the work. At a million leads the 400k-lead list's step took 160–185 ms with
 *   two workers and 38–62 ms without; the lead-by-lead step 70 → 50 ms.
 * - **no sequential scan of the table**: counting all of a campaign's lists in one statement
 *   (Dialect.campaignLists), 60% of the table, the planner read the table and hashed it
 *   (346 ms) where the index alone, in order, takes 95 ms. The few small tables the
 *   lead-by-lead step reads (hopper, callbacks, DNC numbers) go by their indexes then: 53 → 47 ms.
 * docs/performance.md, "Lead counts on PostgreSQL's index".
 */
export const COUNTING_PLAN: Readonly<Record<string, string>> = { max_parallel_workers_per_gather: '0', enable_seqscan: 'off' };

export const withCountingPlan = <T>(db: Db, dialect: Dialect, fn: (db: Db) => Promise<T>): Promise<T> => withPlannerSettings(db, dialect, COUNTING_PLAN, fn);

/** A count of leads a screen waits on: on the asked lane (long-work.ts inAskedTurn), with the counting plan. */
export const inCountingTurn = <T>(handle: { db: Db; dialect: Dialect }, read: (db: Db) => Promise<T>): Promise<T> =>
  inAskedTurn(handle, (db) => withCountingPlan(db, handle.dialect, read));

/**
 * PostgreSQL groups by hashing rather than sorting: explain puts a campaign's leads
 * in a few dozen (rule, timezone) groups, but the planner cannot estimate groups of computed
 * expressions and expects one per lead, so it sorts every lead (on disk at a million) where a hash
 * table of a few dozen entries does.
 */
export const GROUPING_BY_HASH: Readonly<Record<string, string>> = { enable_sort: 'off' };
