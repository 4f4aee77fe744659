// One lead's eligibility now: the hopper's one definition (hopper/eligibility.ts), asked of one
// lead in the context of its own list and timezone, the way the dropped re-queue asks it. The
// rule reported is the one `hopper explain` counts the lead under (firstExclusion); every rule
// that excludes it is listed too, since "when it next becomes eligible" depends on all of them.
import { notFound } from '../../../shared/errors';
import { EXCLUSION_RULES, type ExclusionRule } from '../../../shared/types/hopper';
import type { LeadEligibility } from '../../../shared/types/leads';
import type { Db, Dialect } from '../../db/dialect';
import { campaignContextFrom, readCampaignOfLead, timezoneState, type CampaignContext } from '../hopper/campaign-context';
import { firstExclusion, TIMING_RULES } from '../hopper/eligibility';

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
    next_eligible_at: row.rule === null ? null : nextEligibleAt(ctx, row, all),
    all_rules: all,
  };
}

/**
 * When only time stands in the way (the retry delay, the calling window), the first instant both
 * have passed: the retry delay's end, then the window's next opening from there. Any other rule
 * needs a person (or a call) first: null.
 */
function nextEligibleAt(ctx: CampaignContext, row: RuleRow, rules: readonly ExclusionRule[]): string | null {
  if (rules.some((r) => !TIMING_RULES.has(r))) return null;
  let from = ctx.now.getTime();
  if (rules.includes('retry_delay') && row.last_dial_attempt !== null) {
    const delay = row.status === 'dropped' ? ctx.droppedRetryDelayMinutes : ctx.retryDelayMinutes;
    from = Math.max(from, Date.parse(row.last_dial_attempt) + delay * 60_000);
    // An unreadable last dial (imported text) gives no date.
    if (!Number.isFinite(from)) return null;
  }
  const timezone = row.timezone !== null && row.timezone !== '' ? row.timezone : ctx.campaignTimezone;
  return timezoneState(timezone, ctx.window, new Date(from)).next_open_at;
}
