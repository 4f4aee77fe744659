// What is in a campaign's hopper right now, and how many more leads could join it.
import type { HopperStats } from '../../../shared/types/hopper';
import type { Db } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { eligibleExcept } from './eligibility';

export async function hopperStats(db: Db, ctx: CampaignContext): Promise<HopperStats> {
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
  let eligibleNow = 0;
  if (ctx.campaignActive && ctx.activeListIds.length > 0 && ctx.dialable.length > 0) {
    const row = await db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('leads.list_id', 'in', ctx.activeListIds)
      .where('leads.status', 'in', ctx.dialable)
      .where(eligibleExcept(ctx))
      .executeTakeFirst();
    eligibleNow = Number(row?.n ?? 0);
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
