// How many leads the hopper could dial, counted set-based with the hopper's one eligibility
// definition (hopper/eligibility.ts), never lead by lead in TypeScript; hopper stats' eligible-now
// and the reports' dialable figures are this one count. Two statements: leads whose own status lets them through (a range of the (list,
// status, last dial) index per dialable status), and leads that only a due callback lets through
// (few: only leads with a due callback are read). Together they are exactly the leads that
// `eligibleExcept(ctx, except)` passes: a lead that passes the rules a callback overrides has a
// dialable status, and the second statement takes the due-callback leads that do not.
import { sql, type SqlBool } from 'kysely';
import type { ExclusionRule } from '../../../shared/types/hopper';
import type { Db } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { callbackDue, eligibleExcept } from './eligibility';

export interface DialableGroup {
  status: string | null;
  timezone: string | null;
  n: number;
}

export interface DialableQuery {
  /** Only these lists (of the campaign); default: all its lists. */
  listIds?: readonly number[];
  /** True: queued leads count too (dialable = queued or eligible now); false: eligible now and not queued. */
  includeQueued: boolean;
}

type LeadsQuery = ReturnType<typeof base>;

/** The two statements' filters over the campaign's active lists (of `q.listIds`); null when nothing can be dialable. */
function dialableSets(db: Db, ctx: CampaignContext, q: DialableQuery): [LeadsQuery, LeadsQuery] | null {
  const wanted = q.listIds ? new Set(q.listIds) : null;
  // An inactive list or campaign has nothing dialable (list_inactive, campaign_inactive): not read at all.
  const lists = ctx.activeListIds.filter((id) => wanted === null || wanted.has(id));
  if (!ctx.campaignActive || lists.length === 0) return null;
  const except: ExclusionRule[] = q.includeQueued ? ['already_queued'] : [];
  const normally = eligibleExcept(ctx, except, { callbacks: false });
  const byStatus = base(db, lists).where('leads.status', 'in', ctx.dialable).where(normally);
  const byCallback = base(db, lists)
    .where(callbackDue(ctx))
    .where(eligibleExcept(ctx, except))
    .where(sql<SqlBool>`not coalesce((coalesce(leads.status, '') in (${sql.join(ctx.dialable)}) and ${normally}), (1 = 0))`);
  return [byStatus, byCallback];
}

/** The dialable leads per stored (status, timezone); empty when the campaign is off. */
export async function dialableGroups(db: Db, ctx: CampaignContext, q: DialableQuery): Promise<DialableGroup[]> {
  const sets = dialableSets(db, ctx, q);
  if (!sets) return [];
  const groups: DialableGroup[] = [];
  for (const set of sets) {
    const rows = await set.select(['leads.status', 'leads.timezone', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['leads.status', 'leads.timezone']).execute();
    for (const r of rows) groups.push({ status: r.status, timezone: r.timezone, n: Number(r.n) });
  }
  return groups;
}

/** How many leads are dialable, when no breakdown is wanted (no grouping to pay for). */
export async function dialableCount(db: Db, ctx: CampaignContext, q: DialableQuery): Promise<number> {
  const sets = dialableSets(db, ctx, q);
  if (!sets) return 0;
  let n = 0;
  for (const set of sets) n += Number((await set.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  return n;
}

function base(db: Db, lists: readonly number[]) {
  return db.selectFrom('leads').where('leads.list_id', 'in', lists);
}
