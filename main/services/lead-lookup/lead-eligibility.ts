// One lead's eligibility now: the hopper's one definition (hopper/eligibility.ts), asked of one
// lead in the context of its own list and timezone, the way the dropped re-queue asks it. The
// rule reported is the one `hopper explain` counts the lead under (firstExclusion); every rule
// that excludes it is listed too, since "when it next becomes eligible" depends on all of them.
import type { Status } from '../../../shared/catalogue';
import { notFound } from '../../../shared/errors';
import { EXCLUSION_RULES, type ExclusionRule } from '../../../shared/types/hopper';
import type { LeadEligibility } from '../../../shared/types/leads';
import type { Db, Dialect } from '../../db/dialect';
import { campaignContextFrom, readCampaignOfLead, retryCutoffOf, timezoneState, type CampaignContext } from '../hopper/campaign-context';
import { CALLBACK_OVERRIDES, firstExclusion, TIMING_RULES } from '../hopper/eligibility';

interface RuleRow {
  rule: string | null;
  status: string | null;
  last_dial_attempt: string | null;
  timezone: string | null;
  [column: `x_${string}`]: string | null;
}

/** The lead's context: its campaign, its own list and timezone (null when the lead does not exist). */
export async function leadContext(db: Db, dialect: Dialect, leadId: number, now: Date): Promise<CampaignContext | null> {
  const row = (await readCampaignOfLead(db, dialect, { leadId })).rows[0];
  return row ? campaignContextFrom([row], now, [row.lead_timezone]) : null;
}

export async function leadEligibility(db: Db, dialect: Dialect, leadId: number, now: Date): Promise<LeadEligibility> {
  const ctx = await leadContext(db, dialect, leadId, now);
  if (!ctx) throw notFound(`Lead ${leadId}`);
  const row = (await db
    .selectFrom('leads')
    .select([firstExclusion(ctx).as('rule'), 'leads.status', 'leads.last_dial_attempt', 'leads.timezone'])
    .select(EXCLUSION_RULES.map((r) => firstExclusion(ctx, [r]).as(`x_${r}`)))
    .where('leads.id', '=', leadId)
    .executeTakeFirst()) as RuleRow | undefined;
  if (!row) throw notFound(`Lead ${leadId}`);
  const all = EXCLUSION_RULES.filter((r) => row[`x_${r}`] !== null);
  return {
    now: now.toISOString(),
    eligible: row.rule === null,
    rule: row.rule as ExclusionRule | null,
    next_eligible_at: row.rule === null ? null : nextEligibleAt(ctx, row, all, await nextCallbackAt(db, ctx, leadId)),
    all_rules: all,
  };
}

/** When the timing rules that exclude the lead have passed: its status's delay (a recycle rule's, else the campaign's) after its last dial. */
function retryEndsAt(ctx: CampaignContext, row: RuleRow, rules: readonly ExclusionRule[]): number | null {
  let from = ctx.now.getTime();
  if ((rules.includes('retry_delay') || rules.includes('recycle_rule_delay')) && row.last_dial_attempt !== null) {
    // The status's cut-off is `now - delay` (campaign-context.ts), the one place that picks the delay.
    const delayMs = ctx.now.getTime() - Date.parse(retryCutoffOf(ctx, row.status as Status));
    from = Math.max(from, Date.parse(row.last_dial_attempt) + delayMs);
    // An unreadable last dial (imported text) gives no date.
    if (!Number.isFinite(from)) return null;
  }
  return from;
}

/**
 * When only time stands in the way (the retry delay or a recycle rule's, the calling window), the
 * first instant all have passed: the delay's end, then the window's next opening from there. When
 * only rules a due callback overrides stand in the way (and the window), the lead's next pending
 * callback makes it eligible at its due time (an agent's: at its hand-over). Any other rule needs
 * a person (or a call) first: null.
 */
function nextEligibleAt(ctx: CampaignContext, row: RuleRow, rules: readonly ExclusionRule[], nextCallback: number | null): string | null {
  const timezone = row.timezone !== null && row.timezone !== '' ? row.timezone : ctx.campaignTimezone;
  const openFrom = (t: number | null) => (t === null ? null : timezoneState(timezone, ctx.window, new Date(t)).next_open_at);
  const candidates: string[] = [];
  if (rules.every((r) => TIMING_RULES.has(r))) {
    const t = openFrom(retryEndsAt(ctx, row, rules));
    if (t !== null) candidates.push(t);
  }
  if (nextCallback !== null && rules.every((r) => CALLBACK_OVERRIDES.has(r) || r === 'outside_calling_hours')) {
    const t = openFrom(Math.max(nextCallback, ctx.now.getTime()));
    if (t !== null) candidates.push(t);
  }
  return candidates.length === 0 ? null : candidates.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** When the lead's earliest pending callback makes it eligible: an anyone one at its due time, an agent's at its hand-over (never when the campaign hands none over). */
async function nextCallbackAt(db: Db, ctx: CampaignContext, leadId: number): Promise<number | null> {
  const rows = await db.selectFrom('callbacks').select(['due_at', 'scope']).where('lead_id', '=', leadId).where('state', '=', 'pending').execute();
  const handover = ctx.agentHandoverCutoff === null ? null : ctx.now.getTime() - Date.parse(ctx.agentHandoverCutoff);
  const times = rows.flatMap((r) => {
    const due = new Date(r.due_at).getTime();
    if (r.scope === 'anyone') return [due];
    return handover === null ? [] : [due + handover];
  });
  return times.length === 0 ? null : Math.min(...times);
}
