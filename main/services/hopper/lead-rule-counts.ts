// Every lead of a campaign's lists counted under the first eligibility rule that excludes it (or
// none: eligible now), set-based, along indexes: what `hopper explain`, the eligible-now of hopper
// stats and the dialable column of the reports all count. The rules are eligibility.ts's, asked in
// SQL; this file only decides which leads can share one answer.
//
// The rules but two (GROUPED_RULES) read only a lead's list, status, timezone, dial count, and
// whether its last dial is after its status's cut-off. So the count goes in three statements:
// 1. **Groups**: every lead counted per (list, status, timezone, dial count) along
//    leads(list_id, status, timezone, dial_attempts, …) (migration 0013, leads_list_counts), without reading the table,
//    and each group asked the rules once, as if never dialed.
// 2. **Dialed after the cut-off**: the leads of a dialable status whose last dial is after its
//    status's cut-off (a range of leads(list_id, status, last_dial_attempt) per status: the few
//    dialed within the retry delay), grouped the same way and asked the rules with their last
//    dial; each such group moves from its answer in 1 to this one.
// 3. **Lead by lead**: the few leads the other rules can decide (LEAD_BY_LEAD_RULES: a phone key
//    unknown or on the DNC list, a hopper row) and the leads with a due callback (which overrides
//    several rules), each asked every rule; each moves from the answer 1–2 gave it to its own.
// A lead that none of these reads is counted once, by 1 (and 2): the answer is exact, not an
// estimate (test/services/hopper/explain-property.test.ts compares it with a lead-by-lead count).
import { sql, type RawBuilder } from 'kysely';
import type { Status } from '../../../shared/catalogue';
import { cancelled } from '../../../shared/errors';
import type { ExclusionRule } from '../../../shared/types/hopper';
import type { Db } from '../../db/dialect';
import { retryCutoffOf, type CampaignContext } from './campaign-context';
import { callbackDue, dueCallback, effectiveTimezone, firstExclusion, GROUPED_RULES } from './eligibility';

/** Leads of one stored (status, timezone) that the same rule excludes (or none: `rule` null). */
export interface RuleGroup {
  rule: ExclusionRule | null;
  status: string | null;
  /** The stored timezone. */
  timezone: string | null;
  /** The timezone the leads are called in: their own, else the campaign's. */
  zone: string;
  n: number;
  /** Of these, leads with a due callback. */
  dueCallbacks: number;
}

export interface RuleCounts {
  groups: RuleGroup[];
  /** `retry_delay`, `recycle_rule_delay`: when the first lead it excludes has waited long enough (ms). */
  delayEnds: Map<ExclusionRule, number>;
}

export interface RuleCountOptions {
  /** Only these lists (of the campaign); default: all its lists. */
  listIds?: readonly number[];
  /** The caller walked away: stop between two statements (throws `cancelled`). */
  signal?: AbortSignal;
  /**
   * Only the groups that can come out eligible (or queued) are wanted (dialable-counts.ts): step 1
   * reads only the statuses the campaign dials. Any other status is excluded by a status rule
   * unless a due callback lets the lead through, and step 3 moves such leads to their own answer
   * (the −n it takes from their grouped answer lands on an exclusion, which the caller drops).
   * A third fewer index entries on the bench's 600k campaign.
   */
  dialableOnly?: boolean;
}

interface CountRow {
  rule: string | null;
  status: string | null;
  timezone: string | null;
  zone: string;
  n: number | string;
}

/**
 * Counts the leads of the campaign's lists (of `opts.listIds`) per first excluding rule, stored
 * status and timezone. Step 1 reads the lists as the dialect says (Dialect.campaignLists): on
 * SQLite one statement per list (each holds the thread running it; a cancelled count stops
 * between two lists), on PostgreSQL all in one (a statement per list cost a round trip each).
 */
export async function countLeadsByRule(db: Db, ctx: CampaignContext, opts: RuleCountOptions = {}): Promise<RuleCounts> {
  return (await countLeadsByRuleAt(db, [ctx], opts))[0];
}

/**
 * The same count at several instants of one campaign: contexts that differ only in their time
 * cut-offs (runs-dry.ts withCutoffsAt: the delays, the callbacks due), as the live view's
 * "eligible now" and "leads left today" are. Step 1 answers each group as if never dialed and
 * without callbacks, which no cut-off changes: it is read once for all of them (half the work of
 * two counts at a million leads), steps 2 and 3 once per context.
 */
export async function countLeadsByRuleAt(db: Db, contexts: readonly CampaignContext[], opts: RuleCountOptions = {}): Promise<RuleCounts[]> {
  const [first] = contexts;
  if (contexts.some((c) => c.campaignId !== first.campaignId || c.now.getTime() !== first.now.getTime())) {
    throw new Error('countLeadsByRuleAt: the contexts must be one campaign at one instant, cut-offs apart');
  }
  const wanted = opts.listIds ? new Set(opts.listIds) : null;
  const lists = first.listIds.filter((id) => wanted === null || wanted.has(id));
  const tallies = contexts.map(() => new Tally());
  const stop = () => {
    if (opts.signal?.aborted) throw cancelled('Counting the eligible leads');
  };
  stop();
  for (const batch of first.countLists === 'together' ? [lists] : lists.map((id) => [id])) {
    for (const r of (await groupsOfLists(db, first, batch, opts.dialableOnly === true)).rows) for (const tally of tallies) tally.add(r, Number(r.n));
    stop();
  }
  if (lists.length === 0) return tallies.map((t) => t.result());
  const out: RuleCounts[] = [];
  for (const [i, ctx] of contexts.entries()) {
    const tally = tallies[i];
    const delayEnds = new Map<ExclusionRule, number>();
    for (const r of await dialedAfterCutoff(db, ctx, lists)) {
      tally.add(r, Number(r.n));
      if (!DELAY_RULES.has(r.rule as ExclusionRule)) continue;
      // The status's delay after the last dial; an unreadable last dial (imported text) gives no date.
      const ends = timeOf(r.free_dial) + (ctx.now.getTime() - Date.parse(retryCutoffOf(ctx, r.status as Status)));
      if (Number.isFinite(ends)) delayEnds.set(r.rule as ExclusionRule, Math.min(delayEnds.get(r.rule as ExclusionRule) ?? Infinity, ends));
    }
    stop();
    for (const r of await leadByLead(db, ctx, lists)) {
      const n = Number(r.n);
      tally.add({ ...r, rule: r.grouped_rule }, -n);
      tally.add(r, n, Number(r.due) === 1 ? n : 0);
    }
    out.push({ ...tally.result(), delayEnds });
  }
  return out;
}

/** Adds up counts per (rule, status, timezone). */
class Tally {
  private readonly groups = new Map<string, RuleGroup>();

  add(r: Omit<CountRow, 'n'>, n: number, dueCallbacks = 0): void {
    const key = JSON.stringify([r.rule, r.status, r.timezone]);
    const g = this.groups.get(key);
    if (g) {
      g.n += n;
      g.dueCallbacks += dueCallbacks;
    } else this.groups.set(key, { rule: r.rule as ExclusionRule | null, status: r.status, timezone: r.timezone, zone: r.zone, n, dueCallbacks });
  }

  result(): RuleCounts {
    return { groups: [...this.groups.values()].filter((g) => g.n !== 0), delayEnds: new Map() };
  }
}

const DELAY_RULES: ReadonlySet<ExclusionRule> = new Set<ExclusionRule>(['retry_delay', 'recycle_rule_delay']);

const timeOf = (t: string | null) => (t === null ? NaN : Date.parse(t));

/** The rules as if the lead had no due callback nor a phone or hopper row to look up: one answer per group. */
const groupedRule = (ctx: CampaignContext) => firstExclusion(ctx, GROUPED_RULES, { callbacks: false });

/** What every step selects about a group read as `leads`: its answer, stored status and timezone, calling zone. */
const answerColumns = (ctx: CampaignContext, rule: RawBuilder<string | null>) => sql`${rule} as rule, leads.status, leads.timezone, ${effectiveTimezone(ctx)} as zone`;

/**
 * Step 1 for some lists (one, or all of the campaign's: ctx.countLists): every lead (or,
 * `dialableOnly`, every lead of a status the campaign dials) per (list, status, timezone, dial
 * count), answered as if never dialed.
 */
function groupsOfLists(db: Db, ctx: CampaignContext, listIds: readonly number[], dialableOnly: boolean) {
  const statuses = dialableOnly ? sql` and status in (${sql.join(ctx.dialable.length > 0 ? ctx.dialable : [null])})` : sql``;
  return sql<CountRow>`select ${answerColumns(ctx, groupedRule(ctx))}, sum(leads.n) as n
    from (select list_id, status, timezone, dial_attempts, null as last_dial_attempt, count(*) as n
      from leads where list_id in (${sql.join(listIds)})${statuses} group by list_id, status, timezone, dial_attempts) as leads
    group by 1, 2, 3, 4`.execute(db);
}

interface DialedRow extends CountRow {
  /** The earliest last dial of the group's leads without a due callback (a due callback lets them through). */
  free_dial: string | null;
}

/**
 * Step 2: the leads of a dialable status dialed after their status's cut-off (the only ones a
 * delay can exclude; a status that is not dialable is excluded before any delay), per group:
 * once answered with their last dial (+n) and once as step 1 answered them (−n).
 */
async function dialedAfterCutoff(db: Db, ctx: CampaignContext, lists: readonly number[]): Promise<DialedRow[]> {
  if (ctx.dialable.length === 0) return [];
  const inLists = sql.join(lists);
  const ranges = ctx.dialable.map(
    (status) => sql`select list_id, status, timezone, dial_attempts, last_dial_attempt, case when ${callbackDue(ctx)} then null else last_dial_attempt end as free_dial
      from leads where list_id in (${inLists}) and status = ${status} and last_dial_attempt > ${retryCutoffOf(ctx, status)}`,
  );
  const rule = groupedRule(ctx);
  return (
    await sql<DialedRow>`with dialed as (
        select list_id, status, timezone, dial_attempts, min(last_dial_attempt) as last_dial_attempt, min(free_dial) as free_dial, count(*) as n
        from (${sql.join(ranges, sql` union all `)}) as d group by list_id, status, timezone, dial_attempts)
      select ${answerColumns(ctx, rule)}, leads.n as n, leads.free_dial from dialed as leads
      union all
      select ${answerColumns(ctx, rule)}, -leads.n as n, null as free_dial
      from (select list_id, status, timezone, dial_attempts, null as last_dial_attempt, n from dialed) as leads`.execute(db)
  ).rows;
}

interface LeadByLeadRow extends CountRow {
  grouped_rule: string | null;
  due: number;
}

/**
 * Step 3: the leads whose phone key is unknown or on the DNC list, that have a hopper row or a due
 * callback, each asked every rule (`rule`) and as steps 1–2 asked it (`grouped_rule`). Read from
 * the small side, in four parts that never share a lead: unknown phone keys (the phone-key
 * index), the DNC list's keys (the same index, a probe per number), the hopper's leads, the due
 * callbacks' leads.
 */
async function leadByLead(db: Db, ctx: CampaignContext, lists: readonly number[]): Promise<LeadByLeadRow[]> {
  const columns = sql`${answerColumns(ctx, firstExclusion(ctx))}, ${groupedRule(ctx)} as grouped_rule, case when ${callbackDue(ctx)} then 1 else 0 end as due, leads.list_id`;
  // `+ 0`: not a condition an index answers, so that neither database reads the campaign's leads
  // by list to test each one; the small side drives every part.
  const ofCampaign = sql`leads.list_id + 0 in (${sql.join(lists)})`;
  const keyed = sql`leads.phone_key is not null and not exists (select 1 from dnc_numbers d where d.phone_key = leads.phone_key)`;
  const unqueued = sql`not exists (select 1 from dialer_hopper q where q.lead_id = leads.id)`;
  // The DNC numbers drive, the phone-key index is probed once per number. `>= and <=` is the key's
  // equality that PostgreSQL cannot hash (an `=` join read all leads to hash them: 1.7 s at a
  // million); `cross join` keeps SQLite from reading the leads first and the small side per lead.
  // Its leads of other lists are dropped below: a list condition here made SQLite probe by list.
  const parts = [
    sql`select ${columns} from leads where leads.phone_key is null and ${ofCampaign}`,
    sql`select ${columns} from (select distinct phone_key from dnc_numbers where phone_key is not null) as d
      cross join leads where leads.phone_key >= d.phone_key and leads.phone_key <= d.phone_key`,
    sql`select ${columns} from dialer_hopper as q cross join leads where leads.id = q.lead_id and ${ofCampaign} and ${keyed}`,
    sql`select ${columns} from (select distinct cb.lead_id from callbacks cb where ${dueCallback(ctx)}) as c
      cross join leads where leads.id = c.lead_id and ${ofCampaign} and ${keyed} and ${unqueued}`,
  ];
  const rows = await sql<LeadByLeadRow & { list_id: number }>`select rule, status, timezone, zone, grouped_rule, due, list_id, count(*) as n
      from (${sql.join(parts, sql` union all `)}) as x group by rule, status, timezone, zone, grouped_rule, due, list_id`.execute(db);
  return rows.rows.filter((r) => lists.includes(Number(r.list_id)));
}
