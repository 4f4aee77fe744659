// Picks the next eligible leads of a campaign in hopper order (docs/domain.md): `dropped` first, then
// due callbacks, then the campaign's lead order. The `default` order (never-dialed leads, then
// the longest since last dial, then lowest id) is read as below; the others in ordered-selection.ts.
//
// Speed: instead of sorting every eligible lead of a big campaign, each (list, status) pair is
// read as its own stream along the index leads(list_id, status, last_dial_attempt), which
// already is in dial order, `limit need` each. A tier's streams are merged in the database, in one
// UNION ALL statement: a statement per stream costs more in round trips, query building and
// planning than the rows it reads (112 statements for a 14-list campaign). Tiers run in order and
// stop as soon as enough leads were found.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { LeadOrder } from '../../../shared/campaign/lead-orders';
import { HIGH_PRIORITY_STATUS, type Status } from '../../../shared/catalogue';
import { HOPPER_PRIORITY } from '../../../shared/types/hopper';
import { MAX_STREAMS_PER_STATEMENT, type Candidate } from './candidate';
import { readDueCallbacks, readOrdered } from './ordered-selection';
import type { Db, Dialect } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { STREAM_GUARANTEED_RULES, eligibleExcept, retryPassedRange } from './eligibility';

export type { Candidate } from './candidate';

/**
 * Up to `need` eligible leads (all of them when `need` is null), in hopper order: `dropped` leads,
 * then leads with a due callback (earliest due first), then the rest in the campaign's lead order
 * with its "Nth NEW" (domain.md, second part). `statuses`: only leads of these statuses, and no
 * callback tier (the dropped and recycle jobs).
 */
export async function selectEligibleLeads(
  db: Db,
  dialect: Dialect,
  ctx: CampaignContext,
  need: number | null,
  statuses?: readonly Status[],
): Promise<Candidate[]> {
  // The stream guarantees (STREAM_GUARANTEED_RULES): active campaign, active lists, dialable statuses.
  if (!ctx.campaignActive || (need !== null && need <= 0)) return [];
  const wanted = ctx.dialable.filter((s) => !statuses || statuses.includes(s));
  const dropped = wanted.filter((s) => s === HIGH_PRIORITY_STATUS);
  const others = wanted.filter((s) => s !== HIGH_PRIORITY_STATUS);
  const out: Candidate[] = [];
  const seen = new Set<number>();
  const left = () => (need === null ? null : need - out.length);
  // A lead found by an earlier tier may come again in a later one: read that many more, skip them.
  const take = (found: readonly Candidate[], priority: number, limit: number | null) => {
    for (const c of found) {
      if (limit !== null && out.length >= limit) break;
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ ...c, priority: c.priority ?? priority });
    }
  };
  const more = (n: number | null) => (n === null ? null : n + seen.size);
  take(await readInOrder(db, dialect, ctx, dropped, left()), HOPPER_PRIORITY.high, need);
  if (!statuses && (left() ?? 1) > 0) take(await readDueCallbacks(db, ctx, more(left())), HOPPER_PRIORITY.callback, need);
  const rest = left();
  if (rest !== null && rest <= 0) return out;
  const newOnes = others.filter((s) => s === 'new');
  const dialedOnes = others.filter((s) => s !== 'new');
  if (ctx.newEvery >= 2 && newOnes.length > 0 && dialedOnes.length > 0) {
    const fresh = (await readInOrder(db, dialect, ctx, newOnes, more(rest))).filter((c) => !seen.has(c.id));
    const old = (await readInOrder(db, dialect, ctx, dialedOnes, more(rest))).filter((c) => !seen.has(c.id));
    take(interleaveNew(fresh, old, ctx.newEvery), HOPPER_PRIORITY.normal, need);
  } else {
    take(await readInOrder(db, dialect, ctx, others, more(rest)), HOPPER_PRIORITY.normal, need);
  }
  return out;
}

/**
 * "Nth NEW": places N, 2N, 3N… of the sequence take the next `new` lead, the others the next of
 * the rest, each in its own order; once either kind runs out, the other fills the remaining places.
 */
export function interleaveNew<T>(fresh: readonly T[], others: readonly T[], every: number): T[] {
  const out: T[] = [];
  let f = 0;
  let o = 0;
  while (f < fresh.length || o < others.length) {
    const newTurn = (out.length + 1) % every === 0;
    if ((newTurn && f < fresh.length) || o >= others.length) out.push(fresh[f++]);
    else out.push(others[o++]);
  }
  return out;
}

/** Eligible leads of these statuses (as the streams see them: no callback override), in the campaign's lead order. */
async function readInOrder(db: Db, dialect: Dialect, ctx: CampaignContext, statuses: Status[], limit: number | null): Promise<Candidate[]> {
  if (statuses.length === 0) return [];
  const tiers = STREAMED_ORDERS[ctx.leadOrder];
  if (!tiers) return readOrdered(db, ctx, statuses, limit);
  const out: Candidate[] = [];
  for (const tier of tiers) {
    const rest = limit === null ? null : limit - out.length;
    if (rest !== null && rest <= 0) break;
    out.push(...(await readStreams(db, dialect, ctx, statuses, tier, rest)));
  }
  return out;
}

type Column = 'id' | 'last_dial_attempt' | 'dial_attempts';

/**
 * A tier of streams: each (list, status) read along an index in `order`, within `range` (which
 * for one status is exactly the complement of its retry rule, or part of it), so that both
 * databases walk the index in order and stop after `limit` rows.
 */
export interface StreamTier {
  order: readonly [Column, 'asc' | 'desc'][];
  range(ctx: CampaignContext, status: Status): RawBuilder<SqlBool>;
}

const lastDial = sql.ref('leads.last_dial_attempt');
const neverDialed: StreamTier['range'] = () => sql<SqlBool>`${lastDial} is null`;
const dialedAndRetryPassed: StreamTier['range'] = (ctx, status) => retryPassedRange(ctx, status, true);
/** The attempt cap as a range of leads(list_id, status, dial_attempts, id) (migration 0011), and the retry rule. */
const belowCapRetryPassed: StreamTier['range'] = (ctx, status) =>
  sql<SqlBool>`leads.dial_attempts < ${ctx.maxAttempts} and (${lastDial} is null or ${retryPassedRange(ctx, status, true)})`;

/**
 * The lead orders read as streams (domain.md, second part), each tier after the one before.
 * `down`, `up` and `random` are one statement each (ordered-selection.ts): the primary key walk
 * stops early, and a random order has no index.
 */
const STREAMED_ORDERS: Partial<Record<LeadOrder, readonly StreamTier[]>> = {
  // Never dialed, then longest since the last dial: leads(list_id, status, last_dial_attempt, id).
  default: [
    { order: [['last_dial_attempt', 'asc'], ['id', 'asc']], range: neverDialed },
    { order: [['last_dial_attempt', 'asc'], ['id', 'asc']], range: dialedAndRetryPassed },
  ],
  down_count: [{ order: [['dial_attempts', 'asc'], ['id', 'asc']], range: belowCapRetryPassed }],
  up_count: [{ order: [['dial_attempts', 'desc'], ['id', 'asc']], range: belowCapRetryPassed }],
  // Most recent last dial first (the index read backwards), never dialed last.
  up_last_call: [
    { order: [['last_dial_attempt', 'desc'], ['id', 'asc']], range: dialedAndRetryPassed },
    { order: [['id', 'asc']], range: neverDialed },
  ],
};
STREAMED_ORDERS.down_last_call = STREAMED_ORDERS.default;

const orderBy = (tier: StreamTier, prefix: string) => sql.raw(tier.order.map(([c, dir]) => `${prefix}${c} ${dir}`).join(', '));

/** The tier's first `limit` leads (all when null), in the tier's order. */
async function readStreams(db: Db, dialect: Dialect, ctx: CampaignContext, statuses: readonly Status[], tier: StreamTier, limit: number | null): Promise<Candidate[]> {
  // One eligibility condition for every stream of the tier: building it is most of a stream's cost in JavaScript.
  const eligible = eligibleExcept(ctx, STREAM_GUARANTEED_RULES, { callbacks: false });
  const streams = ctx.activeListIds.flatMap((listId) => statuses.map((status) => stream(ctx, { listId, status, limit }, tier, eligible)));
  if (streams.length === 0) return [];
  const paramsPerStream = Math.max(1, streams[0].compile(db).parameters.length);
  // The statement's own limit is one more parameter.
  const perStatement = Math.max(1, Math.min(MAX_STREAMS_PER_STATEMENT, Math.floor((dialect.maxParams - 1) / paramsPerStream)));
  const found: Candidate[] = [];
  for (let i = 0; i < streams.length; i += perStatement) found.push(...(await mergeStreams(db, streams.slice(i, i + perStatement), tier, limit)));
  // Only a campaign with more streams than one statement takes is merged here as well: the same
  // order as the SQL's, timestamps being ISO text on SQLite and ISO strings from PostgreSQL.
  if (streams.length > perStatement) found.sort(comparator(tier));
  return limit === null ? found : found.slice(0, limit);
}

function comparator(tier: StreamTier): (a: Candidate, b: Candidate) => number {
  return (a, b) => {
    for (const [column, dir] of tier.order) {
      const x = a[column] ?? '';
      const y = b[column] ?? '';
      if (x !== y) return (x < y ? -1 : 1) * (dir === 'asc' ? 1 : -1);
    }
    return 0;
  };
}

/** One UNION ALL of index-ordered streams, ordered and limited as a whole. */
async function mergeStreams(db: Db, streams: RawBuilder<Candidate>[], tier: StreamTier, limit: number | null): Promise<Candidate[]> {
  // `select * from (…) s`: a member with its own ORDER BY and LIMIT, on both databases.
  const members = streams.map((q) => sql`select * from ${q} as s`);
  const rows = await sql<Candidate>`select id, status, last_dial_attempt, dial_attempts from (${sql.join(members, sql` union all `)}) as u
    order by ${orderBy(tier, '')}${limit === null ? sql`` : sql` limit ${limit}`}`.execute(db);
  return rows.rows;
}

interface StreamKey {
  listId: number;
  status: Status;
  limit: number | null;
}

/**
 * One (list, status) range of an index, in its order, filtered by `eligible`. A template rather
 * than the query builder: a tier has up to a few hundred streams, and building each one costs.
 */
function stream(ctx: CampaignContext, key: StreamKey, tier: StreamTier, eligible: RawBuilder<SqlBool>): RawBuilder<Candidate> {
  // Ordered as the index is, so both databases can stop after `limit` rows instead of sorting the whole range.
  return sql<Candidate>`(select leads.id, leads.status, leads.last_dial_attempt, leads.dial_attempts from leads
    where leads.list_id = ${key.listId} and leads.status = ${key.status} and ${tier.range(ctx, key.status)} and ${eligible}
    order by ${orderBy(tier, 'leads.')}${key.limit === null ? sql`` : sql` limit ${key.limit}`})`;
}
