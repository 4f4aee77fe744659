// "Why is the hopper empty": every lead of the campaign counted once, under the first rule that
// excludes it (or as eligible now), so that eligible_now + the excluded counts = total leads.
// The counting is lead-rule-counts.ts (grouped along indexes, not lead by lead); this file adds
// the groups up and dates the timing rules.
import { EXCLUSION_RULES, type ExclusionRule, type HopperExplain, type TimezoneWindowState } from '../../../shared/types/hopper';
import type { Db } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { countLeadsByRule } from './lead-rule-counts';

export interface ExplainOptions {
  /** The caller walked away: stop between two statements (throws `cancelled`). */
  signal?: AbortSignal;
  /** "What if it were…": the same explain at another instant (the CLI's --now, the screen's time picker). */
  at?: Date;
}

export async function explainCampaign(db: Db, ctx: CampaignContext, options: ExplainOptions = {}): Promise<HopperExplain> {
  const { groups, delayEnds } = await countLeadsByRule(db, ctx, { signal: options.signal });
  const counts = new Map<ExclusionRule, number>(EXCLUSION_RULES.map((r) => [r, 0]));
  const next = new Map<ExclusionRule, number>(delayEnds);
  const leadsPerZone = new Map<string, number>();
  const zoneState = new Map(ctx.timezones.map((z) => [z.timezone, z]));
  let total = 0;
  let eligible = 0;
  let dueCallbacks = 0;
  for (const g of groups) {
    total += g.n;
    leadsPerZone.set(g.zone, (leadsPerZone.get(g.zone) ?? 0) + g.n);
    if (g.rule === null) {
      eligible += g.n;
      dueCallbacks += g.dueCallbacks;
      continue;
    }
    counts.set(g.rule, (counts.get(g.rule) ?? 0) + g.n);
    const opens = g.rule === 'outside_calling_hours' ? zoneState.get(g.zone)?.next_open_at : null;
    if (opens) next.set(g.rule, Math.min(next.get(g.rule) ?? Infinity, Date.parse(opens)));
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
      next_eligible_at: next.has(rule) && (counts.get(rule) ?? 0) > 0 ? new Date(next.get(rule)!).toISOString() : null,
    })),
    calling_window: { ...ctx.windowText, valid: ctx.window !== null },
    timezones,
  };
}
