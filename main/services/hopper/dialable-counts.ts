// How many leads the hopper could dial: hopper stats' eligible-now, the penetration report's
// dialable column, the live view's figures and "runs dry at" are all explain's count
// (lead-rule-counts.ts: the hopper's one eligibility definition, counted per group along indexes),
// read as "no rule excludes the lead" — or, when queued leads count too, "no rule but
// already_queued" (the last rule: a queued lead passed every other one).
import type { Db } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { countLeadsByRuleAt, type RuleGroup } from './lead-rule-counts';

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

/** The dialable leads' groups at each context (see countLeadsByRuleAt); none when the campaign is off or has no active list wanted. */
async function dialableAt(db: Db, contexts: readonly CampaignContext[], q: DialableQuery): Promise<RuleGroup[][]> {
  const [ctx] = contexts;
  const wanted = q.listIds ? new Set(q.listIds) : null;
  // An inactive list or campaign has nothing dialable (list_inactive, campaign_inactive): not read at all.
  const listIds = ctx.activeListIds.filter((id) => wanted === null || wanted.has(id));
  if (!ctx.campaignActive || listIds.length === 0) return contexts.map(() => []);
  const counts = await countLeadsByRuleAt(db, contexts, { listIds, dialableOnly: true });
  return counts.map(({ groups }) => groups.filter((g) => g.rule === null || (q.includeQueued && g.rule === 'already_queued')));
}

const dialable = async (db: Db, ctx: CampaignContext, q: DialableQuery) => (await dialableAt(db, [ctx], q))[0];
const total = (groups: readonly RuleGroup[]) => groups.reduce((n, g) => n + g.n, 0);

/** The dialable leads per stored (status, timezone); empty when the campaign is off. */
export async function dialableGroups(db: Db, ctx: CampaignContext, q: DialableQuery): Promise<DialableGroup[]> {
  return (await dialable(db, ctx, q)).map((g) => ({ status: g.status, timezone: g.timezone, n: g.n }));
}

/** How many leads are dialable. */
export async function dialableCount(db: Db, ctx: CampaignContext, q: DialableQuery): Promise<number> {
  return total(await dialable(db, ctx, q));
}

/**
 * Eligible now (not queued) at `now`, and dialable (queued too) at `later`: one campaign at one
 * instant, cut-offs apart (the live view's eligible now and leads left today), counted together.
 */
export async function eligibleNowAndLater(db: Db, now: CampaignContext, later: CampaignContext): Promise<{ now: number; later: number }> {
  // The queued leads count at `later` only: "no rule but already_queued" is read from the same groups.
  const [atNow, atLater] = await dialableAt(db, [now, later], { includeQueued: true });
  return { now: total(atNow.filter((g) => g.rule === null)), later: total(atLater) };
}
