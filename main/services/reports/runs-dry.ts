// "Runs dry at" (domain.md "Reports"): the leads left to dial today divided by the dial rate of
// the last hour. Leads left today: queued or eligible now, plus those whose retry delay (or due
// callback) comes before the end of the campaign's local day, with the calling window as it is
// now. Counted with the hopper's eligibility at the end of the day's cut-offs, set-based.
import type { RunsDry } from '../../../shared/types/reports';
import type { Db } from '../../db/dialect';
import type { CampaignContext } from '../hopper/campaign-context';
import { dialableCount, eligibleNowAndLater } from '../hopper/dialable-counts';
import { endOfLocalDay, MINUTE } from './report-period';

/** The context with its time cut-offs moved to `at` (delays, callbacks); the calling window stays as at `ctx.now`. */
export function withCutoffsAt(ctx: CampaignContext, at: Date): CampaignContext {
  const minutesAgo = (m: number) => new Date(at.getTime() - m * MINUTE).toISOString();
  const shift = at.getTime() - ctx.now.getTime();
  return {
    ...ctx,
    retryCutoff: minutesAgo(ctx.retryDelayMinutes),
    droppedCutoff: minutesAgo(ctx.droppedRetryDelayMinutes),
    recycleRules: new Map([...ctx.recycleRules].map(([status, rule]) => [status, { ...rule, cutoff: minutesAgo(rule.delayMinutes) }])),
    callbackDueCutoff: at.toISOString(),
    agentHandoverCutoff: ctx.agentHandoverCutoff === null ? null : new Date(Date.parse(ctx.agentHandoverCutoff) + shift).toISOString(),
  };
}

/** Leads the campaign can still dial today (see above). */
export async function leadsLeftToday(db: Db, ctx: CampaignContext): Promise<number> {
  return dialableCount(db, todaysContext(ctx), { includeQueued: true });
}

/** Eligible now (not queued) and the leads left today, in one count (the live view's two lead figures). */
export async function eligibleNowAndLeftToday(db: Db, ctx: CampaignContext): Promise<{ eligibleNow: number; leadsLeft: number }> {
  const { now, later } = await eligibleNowAndLater(db, ctx, todaysContext(ctx));
  return { eligibleNow: now, leadsLeft: later };
}

const todaysContext = (ctx: CampaignContext) => withCutoffsAt(ctx, endOfLocalDay(ctx.campaignTimezone, ctx.now));

/** When `left` leads run out at the rate of `callsLastHour` calls an hour, from `now`. */
export function runsDry(now: Date, left: number, callsLastHour: number): RunsDry {
  const base = { leads_left_today: left, calls_last_hour: callsLastHour };
  if (callsLastHour === 0) return { ...base, runs_dry_at: null, runs_dry_note: 'no recent dialing' };
  if (left === 0) return { ...base, runs_dry_at: now.toISOString(), runs_dry_note: 'nothing left to dial today' };
  return { ...base, runs_dry_at: new Date(now.getTime() + Math.round((left / callsLastHour) * 60 * MINUTE)).toISOString(), runs_dry_note: null };
}
