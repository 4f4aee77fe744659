// How many leads the hopper could dial: hopper stats' eligible-now, the penetration report's
// dialable column, the live view's figures and "runs dry at" are all explain's count
// (lead-rule-counts.ts: the hopper's one eligibility definition, counted per group along indexes),
// read as "no rule excludes the lead" — or, when queued leads count too, "no rule but
// already_queued" (the last rule: a queued lead passed every other one).
import type { Db } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { countLeadsByRule, type RuleGroup } from './lead-rule-counts';

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

/** The dialable leads' groups; none when the campaign is off or has no active list wanted. */
async function dialable(db: Db, ctx: CampaignContext, q: DialableQuery): Promise<RuleGroup[]> {
  const wanted = q.listIds ? new Set(q.listIds) : null;
  // An inactive list or campaign has nothing dialable (list_inactive, campaign_inactive): not read at all.
  const listIds = ctx.activeListIds.filter((id) => wanted === null || wanted.has(id));
  if (!ctx.campaignActive || listIds.length === 0) return [];
  const { groups } = await countLeadsByRule(db, ctx, { listIds });
  return groups.filter((g) => g.rule === null || (q.includeQueued && g.rule === 'already_queued'));
}

/** The dialable leads per stored (status, timezone); empty when the campaign is off. */
export async function dialableGroups(db: Db, ctx: CampaignContext, q: DialableQuery): Promise<DialableGroup[]> {
  return (await dialable(db, ctx, q)).map((g) => ({ status: g.status, timezone: g.timezone, n: g.n }));
}

/** How many leads are dialable. */
export async function dialableCount(db: Db, ctx: CampaignContext, q: DialableQuery): Promise<number> {
  return (await dialable(db, ctx, q)).reduce((n, g) => n + g.n, 0);
}
