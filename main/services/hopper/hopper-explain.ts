// "Why is the hopper empty": every lead of the campaign counted once, under the first rule that
// excludes it (or as eligible now), so that eligible_now + the excluded counts = total leads.
import { EXCLUSION_RULES, type ExclusionRule, type HopperExplain, type TimezoneWindowState } from '../../../shared/types/hopper';
import type { Db, Dialect } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { callbackDue, effectiveTimezone, firstExclusion } from './eligibility';
import { withGroupingByHash } from './hopper-dialect';
import { sql } from 'kysely';
import { cancelled } from '../../../shared/errors';
import { LeadRanges, type LeadRange } from '../problems/range-pipeline';

/**
 * Leads per statement. One statement over a 770k-lead campaign held SQLite's thread for seconds
 * (every other request of the console waited) and could not be stopped; per range, the event loop
 * turns and a cancelled request stops between two ranges.
 */
export const EXPLAIN_RANGE_SIZE = 20_000;

export interface ExplainOptions {
  /** The caller walked away: stop between two ranges (throws `cancelled`). */
  signal?: AbortSignal;
  rangeSize?: number;
  /** "What if it were…": the same explain at another instant (the CLI's --now, the screen's time picker). */
  at?: Date;
}

interface Group {
  x_rule: string | null;
  x_tz: string;
  /** The retry delay (minutes) of the group's status: its recycle rule's, else the campaign's. */
  x_delay: number;
  /** 1 when the leads have a due callback. */
  x_cb: number;
  n: number;
  min_dial: string | null;
}

export async function explainCampaign(db: Db, dialect: Dialect, ctx: CampaignContext, options: ExplainOptions = {}): Promise<HopperExplain> {
  const groups: Group[] = [];
  if (ctx.listIds.length > 0) {
    // The same (rule, zone, delay, callback) group may come from several ranges: counts add up, dates take the earliest.
    const ranges = new LeadRanges(db, dialect, { campaignId: ctx.campaignId }, options.rangeSize ?? EXPLAIN_RANGE_SIZE, () => options.signal?.aborted === true);
    for await (const range of ranges) groups.push(...(await withGroupingByHash(db, dialect, (q) => groupLeads(q, ctx, range))));
    if (ranges.stopped) throw cancelled('Explaining the hopper');
  }
  const counts = new Map<ExclusionRule, number>(EXCLUSION_RULES.map((r) => [r, 0]));
  const next = new Map<ExclusionRule, number>();
  const leadsPerZone = new Map<string, number>();
  const zoneState = new Map(ctx.timezones.map((z) => [z.timezone, z]));
  let total = 0;
  let eligible = 0;
  let dueCallbacks = 0;
  // An unreadable last dial (imported text) gives no date: the rule is shown without one.
  const earliest = (rule: ExclusionRule, ms: number) => Number.isFinite(ms) && next.set(rule, Math.min(next.get(rule) ?? Infinity, ms));
  for (const g of groups) {
    const n = Number(g.n);
    total += n;
    leadsPerZone.set(g.x_tz, (leadsPerZone.get(g.x_tz) ?? 0) + n);
    if (g.x_rule === null) {
      eligible += n;
      if (Number(g.x_cb) === 1) dueCallbacks += n;
      continue;
    }
    const rule = g.x_rule as ExclusionRule;
    counts.set(rule, (counts.get(rule) ?? 0) + n);
    if ((rule === 'retry_delay' || rule === 'recycle_rule_delay') && g.min_dial) earliest(rule, Date.parse(g.min_dial) + Number(g.x_delay) * 60_000);
    if (rule === 'outside_calling_hours') {
      const opens = zoneState.get(g.x_tz)?.next_open_at;
      if (opens) earliest(rule, Date.parse(opens));
    }
  }
  const timezones: TimezoneWindowState[] = [...leadsPerZone.keys()].sort().map((tz) => ({
    ...(zoneState.get(tz) ?? { timezone: tz, valid: false, open: false, local_time: null, next_open_at: null }),
    leads: leadsPerZone.get(tz) ?? 0,
  }));
  return {
    campaign_id: ctx.campaignId,
    now: ctx.now.toISOString(),
    total_leads: total,
    eligible_now: eligible,
    due_callbacks: dueCallbacks,
    excluded: EXCLUSION_RULES.map((rule) => ({
      rule,
      count: counts.get(rule) ?? 0,
      next_eligible_at: next.has(rule) ? new Date(next.get(rule)!).toISOString() : null,
    })),
    calling_window: { ...ctx.windowText, valid: ctx.window !== null },
    timezones,
  };
}

/** Every lead of the campaign's lists, grouped by the first rule that excludes it, its timezone, its retry delay and a due callback or not. */
/** The retry delay in minutes that applies to the lead's status (a few distinct values: grouped on). */
function retryDelayOfStatus(ctx: CampaignContext) {
  const rules = [...ctx.recycleRules.values()].map((r) => sql`when leads.status = ${r.status} then ${r.delayMinutes}`);
  return sql<number>`case ${sql.join([...rules, sql`when leads.status = 'dropped' then ${ctx.droppedRetryDelayMinutes}`], sql` `)} else ${ctx.retryDelayMinutes} end`;
}

async function groupLeads(db: Db, ctx: CampaignContext, range: LeadRange): Promise<Group[]> {
  return (await db
    .selectFrom((eb) =>
      eb
        .selectFrom('leads')
        .select([
          firstExclusion(ctx).as('x_rule'),
          effectiveTimezone(ctx).as('x_tz'),
          retryDelayOfStatus(ctx).as('x_delay'),
          sql<number>`case when ${callbackDue(ctx)} then 1 else 0 end`.as('x_cb'),
          'leads.last_dial_attempt',
        ])
        .where('leads.id', '>', range.afterId)
        .where('leads.id', '<=', range.upTo)
        .where('leads.list_id', 'in', ctx.listIds)
        .as('t'),
    )
    .select(['t.x_rule', 't.x_tz', 't.x_delay', 't.x_cb', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('t.last_dial_attempt').as('min_dial')])
    .groupBy(['t.x_rule', 't.x_tz', 't.x_delay', 't.x_cb'])
    .execute()) as Group[];
}
