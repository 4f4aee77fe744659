// What is in a campaign's hopper right now, and how many more leads could join it.
import type { HopperStats } from '../../../shared/types/hopper';
import type { Db } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { dialableCount } from './dialable-counts';

export interface HopperStatsOptions {
  /** False: skip the count of eligible leads, a read of most of a big campaign (seconds at 770k leads). */
  eligible?: boolean;
  /** Where that count runs (the service: the long-work thread on SQLite); default `db`. */
  countOn?: Db;
}

export async function hopperStats(db: Db, ctx: CampaignContext, options: HopperStatsOptions = {}): Promise<HopperStats> {
  const id = ctx.campaignId;
  const byState = await db
    .selectFrom('dialer_hopper')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('added_at').as('oldest')])
    .where('campaign_id', '=', id)
    .groupBy('state')
    .execute();
  const byPriority = await db
    .selectFrom('dialer_hopper')
    .select(['priority', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', id)
    .groupBy('priority')
    .orderBy('priority', 'desc')
    .execute();
  const byStatus = await db
    .selectFrom('dialer_hopper')
    .innerJoin('leads', 'leads.id', 'dialer_hopper.lead_id')
    .select(['leads.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('dialer_hopper.campaign_id', '=', id)
    .groupBy('leads.status')
    .orderBy('leads.status')
    .execute();
  let eligibleNow: number | null = 0;
  if (options.eligible === false) eligibleNow = null;
  else if (ctx.campaignActive && ctx.activeListIds.length > 0 && ctx.dialable.length > 0) {
    // The same set-based count as the penetration report's dialable column (eligible, not queued).
    eligibleNow = await dialableCount(options.countOn ?? db, ctx, { includeQueued: false });
  }
  const state = (s: string) => byState.find((r) => r.state === s);
  const oldest = byState.map((r) => r.oldest as string | null).filter((x): x is string => x !== null).sort()[0] ?? null;
  return {
    campaign_id: id,
    queued: Number(state('queued')?.n ?? 0),
    dialing: Number(state('dialing')?.n ?? 0),
    target: ctx.hopperTarget,
    by_priority: byPriority.map((r) => ({ priority: r.priority, count: Number(r.n) })),
    by_status: byStatus.map((r) => ({ status: r.status, count: Number(r.n) })),
    oldest_added_at: oldest,
    eligible_now: eligibleNow,
  };
}
