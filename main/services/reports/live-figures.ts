// The live view's figures of one campaign, read in three tiers by cost (live-view.ts decides
// when): fast ones on small index ranges (the hopper, the last hour's and today's calls, today's
// compliance incidents), slow ones that read the campaign's leads or 30 days of calls, and the
// problem leads, which the problem report counts.
import type { SavedAliases } from '../../../shared/catalogue';
import type { LiveCampaignFigures } from '../../../shared/types/reports';
import type { Db, Dialect } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { forLongWork, inShortTurns } from '../../db/query/long-work';
import { toBool } from '../../db/schema';
import { withCountingPlan } from '../hopper/hopper-dialect';
import { loadCampaignContext } from '../hopper/campaign-context';
import { findAndFixProblemLeads } from '../problems/problem-fixer';
import { abandonRate30d } from './activity';
import { CallTally } from './call-tally';
import { recentCallGroups } from './call-queries';
import { minutesBefore, startOfLocalDay } from './report-period';
import { eligibleNowAndLeftToday } from './runs-dry';

export interface LiveCampaign {
  id: number;
  name: string;
  active: boolean;
  timezone: string;
  hopper_target: number;
  listIds: number[];
}

/** The figures read at most every 5 s (their meaning is the shared type's). */
export type FastFigures = Pick<
  LiveCampaignFigures,
  'refreshed_at' | 'hopper' | 'dials_15m' | 'answers_15m' | 'dials_60m' | 'answers_60m' | 'outcomes_today' | 'abandon_rate_today' | 'compliance_incidents_today'
>;

/** The figures read at most once a minute (they read every lead of the campaign, or 30 days of calls). */
export type SlowFigures = Pick<LiveCampaignFigures, 'eligible_now' | 'leads_left_today' | 'abandon_rate_30d' | 'abandon_flag' | 'slow_as_of'>;

/** The background problem count, once it is in. */
export type ProblemFigures = Pick<LiveCampaignFigures, 'problem_list_id'> & { problem_leads: number; problems_as_of: string };

/** Every campaign with its lists, in id order (one read). */
export async function liveCampaigns(db: Db): Promise<LiveCampaign[]> {
  const rows = await db
    .selectFrom('campaigns')
    .leftJoin('lead_lists', 'lead_lists.campaign_id', 'campaigns.id')
    .select(['campaigns.id', 'campaigns.name', 'campaigns.active', 'campaigns.timezone', 'campaigns.hopper_target', 'lead_lists.id as list_id'])
    .orderBy('campaigns.id')
    .orderBy('lead_lists.id')
    .execute();
  const byId = new Map<number, LiveCampaign>();
  for (const r of rows) {
    let c = byId.get(r.id);
    if (!c) byId.set(r.id, (c = { id: r.id, name: r.name, active: toBool(r.active), timezone: r.timezone, hopper_target: r.hopper_target, listIds: [] }));
    if (r.list_id !== null) c.listIds.push(r.list_id);
  }
  return [...byId.values()];
}

export async function fastFigures(db: Db, c: LiveCampaign, now: Date, saved: SavedAliases): Promise<FastFigures> {
  const today = startOfLocalDay(c.timezone, now);
  const hopper = await db.selectFrom('dialer_hopper').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('campaign_id', '=', c.id).groupBy('state').execute();
  const inState = (s: string) => Number(hopper.find((r) => r.state === s)?.n ?? 0);
  const last15 = new CallTally(saved);
  const last60 = new CallTally(saved);
  const ofToday = new CallTally(saved);
  for (const g of await recentCallGroups(db, c.id, { now, since15: minutesBefore(now, 15), since60: minutesBefore(now, 60), today })) {
    if (g.in15) last15.add(g.result, g.hangup_cause, g.n);
    if (g.in60) last60.add(g.result, g.hangup_cause, g.n);
    if (g.today) ofToday.add(g.result, g.hangup_cause, g.n);
  }
  return {
    refreshed_at: now.toISOString(),
    hopper: { queued: inState('queued'), dialing: inState('dialing'), target: c.hopper_target },
    dials_15m: last15.calls,
    answers_15m: last15.answered,
    dials_60m: last60.calls,
    answers_60m: last60.answered,
    outcomes_today: ofToday.outcomes(),
    abandon_rate_today: ofToday.abandonRate(),
    compliance_incidents_today: await incidentsSince(db, c.listIds, today),
  };
}

/** Compliance incidents recorded since `since` on leads of these lists: a range of created_at. */
async function incidentsSince(db: Db, listIds: readonly number[], since: Date): Promise<number> {
  if (listIds.length === 0) return 0;
  const row = await db
    .selectFrom('compliance_incidents')
    .innerJoin('leads', 'leads.id', 'compliance_incidents.lead_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('compliance_incidents.created_at', '>=', since.toISOString())
    .where('leads.list_id', 'in', listIds)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function slowFigures(handle: { db: Db; dialect: Dialect }, c: LiveCampaign, now: Date, saved: SavedAliases): Promise<SlowFigures> {
  const { db, dialect } = handle;
  const ctx = await loadCampaignContext(db, dialect, c.id, now);
  // The leads' counts on the long-work thread (SQLite: they held the main thread up to 900 ms
  // every refresh at a million leads), the 30 days of calls meanwhile in short statements here.
  // PostgreSQL: the counting plan (hopper-dialect.ts), whose lack of parallel workers also keeps
  // this background work on one core of the server: with them, once a minute each count took every
  // core for a second or more, and the dialer writing beside it lost that time.
  const counts = withCountingPlan(forLongWork(handle), dialect, (leads) => eligibleNowAndLeftToday(leads, ctx));
  const [abandon, { eligibleNow, leadsLeft }] = await Promise.all([abandonRate30d(inShortTurns(handle), dialect, c.id, now, saved), counts]);
  return {
    eligible_now: eligibleNow,
    leads_left_today: leadsLeft,
    abandon_rate_30d: abandon.abandon_rate_30d,
    abandon_flag: abandon.abandon_flag,
    slow_as_of: now.toISOString(),
  };
}

/** A list's problem leads: the problem report (report mode: nothing written). */
export async function countListProblems(handle: DbHandle, clock: Clock, listId: number): Promise<number> {
  return (await findAndFixProblemLeads(handle, clock, { mode: 'report', listId, sampleSize: 0 })).total_issues;
}

/** The problem leads of each of the campaign's lists. */
export async function problemFigures(countProblems: (listId: number) => Promise<number>, clock: Clock, c: LiveCampaign): Promise<ProblemFigures> {
  let total = 0;
  let worst: { listId: number; n: number } | null = null;
  for (const listId of c.listIds) {
    const n = await countProblems(listId);
    total += n;
    if (n > 0 && (worst === null || n > worst.n)) worst = { listId, n };
  }
  return { problem_leads: total, problem_list_id: worst?.listId ?? null, problems_as_of: clock().toISOString() };
}
