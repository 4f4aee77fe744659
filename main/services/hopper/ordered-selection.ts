// The fill's reads other than the index-ordered streams (lead-selection.ts): the leads with a due
// callback, and eligible leads in the lead orders no index gives per (list, status) — `down` and
// `up` (the primary key walk stops early) and `random` (domain.md, second part). Every read stops
// at its limit and breaks ties by the lowest id.
import { sql, type RawBuilder } from 'kysely';
import type { LeadOrder } from '../../../shared/campaign/lead-orders';
import type { Status } from '../../../shared/catalogue';
import { type ExclusionRule } from '../../../shared/types/hopper';
import type { Db } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { CALLBACK_OVERRIDES, dueCallback, eligibleExcept } from './eligibility';
import { MAX_STREAMS_PER_STATEMENT, type Candidate } from './candidate';

/** Rules a read over `list_id in (active lists)` of an active campaign satisfies by construction. */
const ACTIVE_LISTS_GUARANTEE: readonly ExclusionRule[] = ['campaign_inactive', 'list_inactive'];

const ORDER_BY: Readonly<Partial<Record<LeadOrder, RawBuilder<unknown>>>> = {
  down: sql`leads.id`,
  up: sql`leads.id desc`,
  // random() on both databases: a new draw each statement, so each fill draws anew.
  random: sql`random()`,
};

const limitOf = (limit: number | null) => (limit === null ? sql`` : sql` limit ${limit}`);

/** Eligible leads of these statuses (no callback override: callbacks are their own tier) in `down`, `up` or `random` order. */
export async function readOrdered(db: Db, ctx: CampaignContext, statuses: readonly Status[], limit: number | null): Promise<Candidate[]> {
  if (ctx.activeListIds.length === 0 || statuses.length === 0) return [];
  const order = ORDER_BY[ctx.leadOrder];
  if (!order) throw new Error(`lead order ${ctx.leadOrder} is read as streams (lead-selection.ts)`);
  const eligible = eligibleExcept(ctx, ACTIVE_LISTS_GUARANTEE, { callbacks: false });
  if (limit !== null && (ctx.leadOrder === 'down' || ctx.leadOrder === 'up') && ctx.activeListIds.length <= MAX_STREAMS_PER_STATEMENT) return readByList(db, ctx, statuses, limit, eligible, order);
  const rows = await sql<Candidate>`select leads.id, leads.status, leads.last_dial_attempt from leads
    where leads.list_id in (${sql.join(ctx.activeListIds)}) and leads.status in (${sql.join([...statuses])}) and ${eligible}
    order by ${order}${limitOf(limit)}`.execute(db);
  return rows.rows;
}

/**
 * `down` and `up` as one stream per list along leads(list_id, id) (migration 0016), merged in one
 * statement. Over all the lists at once PostgreSQL walked the primary key from one end and tested
 * every lead it met: `up` read the other campaigns' leads (their ids are the highest) before the
 * first of this one, 196 ms for 200 leads at a million; a list's own range of the index starts
 * at its first (or last) lead.
 */
async function readByList(db: Db, ctx: CampaignContext, statuses: readonly Status[], limit: number, eligible: RawBuilder<unknown>, order: RawBuilder<unknown>): Promise<Candidate[]> {
  const streams = ctx.activeListIds.map(
    (listId) => sql`select * from (select leads.id, leads.status, leads.last_dial_attempt from leads
      where leads.list_id = ${listId} and leads.status in (${sql.join([...statuses])}) and ${eligible}
      order by ${order} limit ${limit}) as s`,
  );
  const rows = await sql<Candidate>`select id, status, last_dial_attempt from (${sql.join(streams, sql` union all `)}) as leads
    order by ${order} limit ${limit}`.execute(db);
  return rows.rows;
}

/**
 * Leads of the campaign with a due callback that every rule a callback does not override lets
 * through, earliest due first (domain.md "Callbacks"). Few rows: the pending-due index finds them.
 */
export async function readDueCallbacks(db: Db, ctx: CampaignContext, limit: number | null): Promise<Candidate[]> {
  if (ctx.activeListIds.length === 0) return [];
  const eligible = eligibleExcept(ctx, [...ACTIVE_LISTS_GUARANTEE, ...CALLBACK_OVERRIDES], { callbacks: false });
  const rows = await sql<Candidate & { due: string }>`select leads.id, leads.status, leads.last_dial_attempt, min(cb.due_at) as due
    from callbacks cb inner join leads on leads.id = cb.lead_id
    where ${dueCallback(ctx)} and leads.list_id in (${sql.join(ctx.activeListIds)}) and ${eligible}
    group by leads.id, leads.status, leads.last_dial_attempt
    order by due, leads.id${limitOf(limit)}`.execute(db);
  return rows.rows.map(({ id, status, last_dial_attempt }) => ({ id, status, last_dial_attempt }));
}
