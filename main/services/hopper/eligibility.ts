// THE hopper eligibility definition (docs/domain.md "Hopper eligibility and order"): one ordered list
// of exclusion rules. Fill, claim, the dropped re-queue and stats take a lead when no rule
// excludes it; explain names the first rule that does; cleanup uses the rules that are not
// about timing. Every predicate reads the `leads` row (`leads.*`) and values computed in the
// campaign context, and is NULL-safe in rule order (a NULL status is caught by problem_status).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { STATUSES, FINAL_STATUSES, type Status } from '../../../shared/catalogue';
import { EXCLUSION_RULES, type ExclusionRule } from '../../../shared/types/hopper';
import { retryCutoffOf, type CampaignContext } from './campaign-context';

/** Rules about time passing: they never make a queued row stale (docs/domain.md). */
export const TIMING_RULES: ReadonlySet<ExclusionRule> = new Set<ExclusionRule>(['retry_delay', 'recycle_rule_delay', 'outside_calling_hours']);

/**
 * What a due callback overrides (docs/domain.md "Callbacks": eligible "whatever its status, retry delay
 * and attempt count"); never final status, DNC, an inactive list or campaign, the call window.
 */
export const CALLBACK_OVERRIDES: ReadonlySet<ExclusionRule> = new Set<ExclusionRule>([
  'problem_status',
  'not_recyclable_status',
  'attempt_cap',
  'recycle_rule_cap',
  'retry_delay',
  'recycle_rule_delay',
]);

export const NON_TIMING_RULES: readonly ExclusionRule[] = EXCLUSION_RULES.filter((r) => !TIMING_RULES.has(r) && r !== 'already_queued');

/**
 * Rules that read another table (the DNC list, the hopper) or a column kept per lead (the phone
 * key): explain reads the few leads they can exclude one by one (lead-rule-counts.ts).
 */
export const LEAD_BY_LEAD_RULES: readonly ExclusionRule[] = ['dnc_phone', 'already_queued'];

/**
 * Every other rule, with due callbacks left out, reads only the lead's `list_id`, `status`,
 * `timezone`, `dial_attempts`, and whether `last_dial_attempt` is after its status's cut-off
 * (retryCutoffOf): explain counts leads per such group and asks these rules once per group. **A
 * rule that reads anything else must be added to LEAD_BY_LEAD_RULES or to that grouping**
 * (test/services/hopper/explain-property.test.ts compares explain with a lead-by-lead count).
 */
export const GROUPED_RULES: readonly ExclusionRule[] = EXCLUSION_RULES.filter((r) => !LEAD_BY_LEAD_RULES.includes(r));

const TRUE = sql<SqlBool>`(1 = 1)`;
const FALSE = sql<SqlBool>`(1 = 0)`;
const col = (name: string) => sql.ref(`leads.${name}`);
const inList = (expr: RawBuilder<unknown> | ReturnType<typeof col>, values: readonly (string | number)[]) =>
  values.length === 0 ? FALSE : sql<SqlBool>`(${expr} in (${sql.join(values)}))`;

/** The timezone a lead is called in: its own, else the campaign's (a blank one counts as none). */
export function effectiveTimezone(ctx: CampaignContext): RawBuilder<string> {
  return sql<string>`coalesce(nullif(${col('timezone')}, ''), ${ctx.campaignTimezone})`;
}

/**
 * The lead's timezone (its own, else the campaign's) is open now. Spelled on the plain column,
 * not on coalesce(...), so that PostgreSQL's column statistics give honest row estimates.
 */
function insideCallingHours(ctx: CampaignContext): RawBuilder<SqlBool> {
  const tz = col('timezone');
  const own = inList(tz, ctx.openTimezones);
  // NULL-safe both ways (a NULL timezone is false, not NULL, here): explain's CASE and the fill must agree.
  return ctx.openTimezones.includes(ctx.campaignTimezone) ? sql<SqlBool>`(${tz} is null or ${tz} = '' or ${own})` : sql<SqlBool>`(${tz} is not null and ${tz} <> '' and ${own})`;
}

/**
 * "The lead's `key` is in `table.column`" (the DNC list, the hopper): one condition, spelled for
 * where it is used. Tested on every lead of a campaign (explain's and cleanup's CASE) it is
 * `key in (select …)`: both databases read the list once (PostgreSQL hashes it, even when it is
 * empty, where a correlated `exists` runs a subplan per lead). Negated among eligibility's filters
 * it is `not exists (…)`: PostgreSQL makes it an anti-join, an index probe per lead read, where
 * `not in` would hash the whole list again in every fill stream (and is NULL, not true, when the
 * list holds a NULL). In a CASE a NULL `in` counts as false, as `exists` would.
 */
interface Membership {
  kind: 'membership';
  key: RawBuilder<unknown>;
  table: 'dnc_numbers' | 'dialer_hopper';
  column: string;
}

/** Excludes a lead when it holds (any one condition of a rule does). */
type Condition = RawBuilder<SqlBool> | Membership;

const isMembership = (c: Condition): c is Membership => (c as Membership).kind === 'membership';
const memberOf = (key: RawBuilder<unknown>, table: Membership['table'], column: string): Membership => ({ kind: 'membership', key, table, column });

/** The condition as an exclusion: true when it excludes the lead. */
function excluding(c: Condition): RawBuilder<SqlBool> {
  if (!isMembership(c)) return c;
  return sql<SqlBool>`(${c.key} in (select ${sql.ref(`${c.table}.${c.column}`)} from ${sql.table(c.table)}))`;
}

/** The condition negated: true when it lets the lead through. */
function passing(c: Condition): RawBuilder<SqlBool> {
  if (!isMembership(c)) return sql<SqlBool>`(not ${c})`;
  return sql<SqlBool>`(not exists (select 1 from ${sql.table(c.table)} where ${sql.ref(`${c.table}.${c.column}`)} = ${c.key}))`;
}

/**
 * `rule → the conditions under which it excludes a lead` (any one of them does), in the order
 * explain reports them. Kept apart so that eligibility can negate each one on its own: a
 * `not exists (…)` among the top-level conditions is what PostgreSQL turns into an anti-join,
 * whereas `not (… or exists (…))` stays a subplan that hashes the whole DNC list once per stream.
 */
function exclusionConditions(ctx: CampaignContext): Record<ExclusionRule, Condition[]> {
  const status = col('status');
  const lastDial = col('last_dial_attempt');
  const ruled = [...ctx.recycleRules.values()];
  // Each status with a rule, as (status = s and …): the rule's delay and cap replace the campaign's.
  const perRule = (test: (r: (typeof ruled)[number]) => RawBuilder<SqlBool>) =>
    ruled.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(ruled.map((r) => sql`(${status} = ${r.status} and ${test(r)})`), sql` or `)})`;
  // NULL-safe: a NULL status is caught by problem_status first, or let through by a due callback.
  const unruled = ruled.length === 0 ? TRUE : sql<SqlBool>`(coalesce(${status}, '') not in (${sql.join(ruled.map((r) => r.status))}))`;
  return {
    campaign_inactive: [ctx.campaignActive ? FALSE : TRUE],
    list_inactive: [inList(col('list_id'), ctx.inactiveListIds)],
    // NULL-safe: with a due callback a NULL status gets past problem_status, and must not be final.
    final_status: [sql<SqlBool>`(${status} is not null and ${inList(status, FINAL_STATUSES)})`],
    problem_status: [sql<SqlBool>`(${status} is null or ${status} not in (${sql.join([...STATUSES])}))`],
    not_recyclable_status: [sql<SqlBool>`(not ${inList(status, ctx.dialable)})`],
    attempt_cap: [sql<SqlBool>`(${col('dial_attempts')} >= ${ctx.maxAttempts})`],
    recycle_rule_cap: [perRule((r) => sql<SqlBool>`${col('dial_attempts')} >= ${r.maxAttempts}`)],
    retry_delay: [
      sql<SqlBool>`(${lastDial} is not null and ${unruled} and (
      (${status} = 'dropped' and ${lastDial} > ${ctx.droppedCutoff}) or
      (${status} <> 'dropped' and ${lastDial} > ${ctx.retryCutoff})))`,
    ],
    recycle_rule_delay: [perRule((r) => sql<SqlBool>`${lastDial} is not null and ${lastDial} > ${r.cutoff!}`)],
    dnc_phone: [sql<SqlBool>`(${col('phone_key')} is null)`, memberOf(col('phone_key'), 'dnc_numbers', 'phone_key')],
    outside_calling_hours: [sql<SqlBool>`(not ${insideCallingHours(ctx)})`],
    already_queued: [memberOf(col('id'), 'dialer_hopper', 'lead_id')],
  };
}

/**
 * The lead has a pending callback that is due: an `anyone` one whose time has come, or an `agent`
 * one past the campaign's hand-over. `id in (select …)`: both databases read the few due
 * callbacks once per statement (PostgreSQL hashes them), not once per lead.
 */
export function callbackDue(ctx: CampaignContext): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${col('id')} in (select cb.lead_id from callbacks cb where ${dueCallback(ctx)}))`;
}

/** The callback row `cb` is pending and due (an agent's: past the hand-over). */
export function dueCallback(ctx: CampaignContext): RawBuilder<SqlBool> {
  const agent = ctx.agentHandoverCutoff === null ? sql`` : sql` or (cb.scope = 'agent' and cb.due_at <= ${ctx.agentHandoverCutoff})`;
  return sql<SqlBool>`(cb.state = 'pending' and ((cb.scope = 'anyone' and cb.due_at <= ${ctx.callbackDueCutoff})${agent}))`;
}

/** `rule → the condition under which it excludes a lead`, in the order explain reports them. */
function exclusionPredicates(ctx: CampaignContext, opts: EligibleOptions = {}): Record<ExclusionRule, RawBuilder<SqlBool>> {
  const conditions = exclusionConditions(ctx);
  const due = callbackDue(ctx);
  const any = (parts: RawBuilder<SqlBool>[]) => (parts.length === 1 ? parts[0] : sql<SqlBool>`(${sql.join(parts, sql` or `)})`);
  const overrides = (r: ExclusionRule) => opts.callbacks !== false && CALLBACK_OVERRIDES.has(r);
  const predicate = (r: ExclusionRule) => (overrides(r) ? sql<SqlBool>`(${any(conditions[r].map(excluding))} and not ${due})` : any(conditions[r].map(excluding)));
  return Object.fromEntries(EXCLUSION_RULES.map((r) => [r, predicate(r)])) as Record<ExclusionRule, RawBuilder<SqlBool>>;
}

/**
 * The leads of one status that `retry_delay` lets through, as a range of the (list, status, last
 * dial) index: never dialed, or dialed at or before that status's cutoff. For one status this is
 * exactly the rule's complement (it excludes a dial after the cutoff), so a stream that reads the
 * range needs no retry condition of its own.
 */
export function retryPassedRange(ctx: CampaignContext, status: Status, dialed: boolean): RawBuilder<SqlBool> {
  const lastDial = col('last_dial_attempt');
  return dialed ? sql<SqlBool>`${lastDial} <= ${retryCutoffOf(ctx, status)}` : sql<SqlBool>`${lastDial} is null`;
}

/**
 * Rules a fill stream satisfies by construction: it reads one active list of an active campaign,
 * one status of `ctx.dialable` (catalogue words, never final), within `retryPassedRange`. Leaving
 * them out of the stream's SQL keeps the planner's row estimates honest, so it walks the index in
 * order and stops early, and spares both databases a test per lead read.
 */
export const STREAM_GUARANTEED_RULES: readonly ExclusionRule[] = ['campaign_inactive', 'list_inactive', 'final_status', 'problem_status', 'not_recyclable_status', 'retry_delay', 'recycle_rule_delay'];

export interface EligibleOptions {
  /**
   * Whether a due callback lets a lead through the rules it overrides (default true: the one
   * definition). The fill's ordered streams pass false: due callbacks are read as a tier of their own.
   */
  callbacks?: boolean;
}

/** True when no rule (other than those in `except`) excludes the lead. */
export function eligibleExcept(ctx: CampaignContext, except: readonly ExclusionRule[] = [], opts: EligibleOptions = {}): RawBuilder<SqlBool> {
  const conditions = exclusionConditions(ctx);
  const rules = EXCLUSION_RULES.filter((r) => !except.includes(r));
  // not (a or b) = (not a) and (not b), NULLs included: the same rule, negated part by part.
  const passes = (rs: readonly ExclusionRule[]) => rs.flatMap((r) => conditions[r].map(passing));
  const all = (parts: RawBuilder<SqlBool>[]) => (parts.length === 0 ? TRUE : sql<SqlBool>`(${sql.join(parts, sql` and `)})`);
  const overridable = rules.filter((r) => CALLBACK_OVERRIDES.has(r));
  if (opts.callbacks === false || overridable.length === 0) return all(passes(rules));
  const fixed = passes(rules.filter((r) => !CALLBACK_OVERRIDES.has(r)));
  return all([...fixed, sql<SqlBool>`(${all(passes(overridable))} or ${callbackDue(ctx)})`]);
}

/**
 * The first of `rules` that excludes the lead, or NULL when none does. `callbacks: false`: as if
 * the lead had no due callback (explain's grouped count, which reads callbacks lead by lead).
 */
export function firstExclusion(ctx: CampaignContext, rules: readonly ExclusionRule[] = EXCLUSION_RULES, opts: EligibleOptions = {}): RawBuilder<string | null> {
  const predicates = exclusionPredicates(ctx, opts);
  const whens = rules.map((r) => sql`when ${predicates[r]} then ${sql.lit(r)}`);
  return sql<string | null>`case ${sql.join(whens, sql` `)} else null end`;
}
