// Campaign activity over a period (domain.md "Reports"): calls by `started_at`, answered, the
// outcome mix, calls per quarter hour, the 30-day abandon rate and "runs dry at". Every read is
// a range of the (campaign_id, started_at, …) index (migration 0010), grouped in SQL.
import { notFound } from '../../../shared/errors';
import type { ActivityReport, QuarterHour } from '../../../shared/types/reports';
import type { Db, Dialect } from '../../db/dialect';
import { loadCampaignContext, type CampaignContext } from '../hopper/campaign-context';
import { loadSavedAliases } from '../status-words/saved-aliases';
import type { SavedAliases } from '../../../shared/catalogue';
import { CallTally } from './call-tally';
import { callCount, callGroups, callGroupsByQuarterHour } from './call-queries';
import { activityPeriod, minutesBefore, quarterHoursOf, sliceStart, type Period } from './report-period';
import { inShortTurns } from '../../db/query/long-work';
import { inCountingTurn } from '../hopper/hopper-dialect';
import { leadsLeftToday, runsDry } from './runs-dry';

export const ABANDON_DAYS = 30;

export interface ActivityRequest {
  campaignId: number;
  from?: string;
  to?: string;
}

export async function activityReport(handle: { db: Db; dialect: Dialect }, request: ActivityRequest, now: Date): Promise<ActivityReport> {
  const { db, dialect } = handle;
  const campaign = await db.selectFrom('campaigns').select(['id', 'name', 'timezone']).where('id', '=', request.campaignId).executeTakeFirst();
  if (!campaign) throw notFound(`Campaign ${request.campaignId}`);
  const period = activityPeriod(campaign.timezone, now, request.from, request.to);
  const saved = await loadSavedAliases(db, dialect);
  const ctx = await loadCampaignContext(db, dialect, campaign.id, now);
  // The leads left today (a count over the campaign's leads, the longest read) on the long-work
  // thread, the calls at the same time on the main connection in short statements (SQLite); two
  // connections of the pool (PostgreSQL). One after the other they took 215 ms at a million leads.
  const calls = inShortTurns(handle);
  const [left, { tally, perQuarter }, abandon, lastHour] = await Promise.all([
    inCountingTurn(handle, (leads) => leadsLeftToday(leads, ctx)),
    periodActivity(calls, dialect, campaign.id, period, saved),
    abandonRate30d(calls, dialect, campaign.id, now, saved),
    callsLastHour(calls, ctx),
  ]);
  return {
    campaign_id: campaign.id,
    campaign_name: campaign.name,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    now: now.toISOString(),
    calls: tally.calls,
    answered: tally.answered,
    outcomes: tally.outcomes(),
    per_15_minutes: perQuarter,
    ...abandon,
    ...runsDry(ctx.now, left, lastHour),
  };
}

async function periodActivity(db: Db, dialect: Dialect, campaignId: number, period: Period, saved: SavedAliases) {
  const tally = new CallTally(saved);
  const quarters = new Map<number, { tally: CallTally }>(quarterHoursOf(period).map((q) => [q, { tally: new CallTally(saved) }]));
  for (const g of await callGroupsByQuarterHour(db, dialect, campaignId, period.from, period.to)) {
    tally.add(g.result, g.hangup_cause, g.n);
    quarters.get(g.slice)?.tally.add(g.result, g.hangup_cause, g.n);
  }
  const perQuarter: QuarterHour[] = [...quarters].map(([q, { tally: t }]) => ({ start: sliceStart(q), calls: t.calls, answered: t.answered, outcomes: t.outcomes() }));
  return { tally, perQuarter };
}

/** The abandon rate over the 30 days before `now`. */
export async function abandonRate30d(db: Db, dialect: Dialect, campaignId: number, now: Date, saved: SavedAliases) {
  const from = minutesBefore(now, ABANDON_DAYS * 24 * 60);
  const tally = new CallTally(saved);
  for (const g of await callGroups(db, dialect, campaignId, from, now)) tally.add(g.result, g.hangup_cause, g.n);
  return tally.abandon(from, now);
}

/** The calls of the last hour: the dial rate of "runs dry at". */
const callsLastHour = (db: Db, ctx: CampaignContext) => callCount(db, ctx.campaignId, minutesBefore(ctx.now, 60), ctx.now);
