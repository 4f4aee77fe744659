// Picks the next eligible leads of a campaign in hopper order (domain.md): `dropped` first, then
// never-dialed leads, then the longest since last dial, then lowest id.
//
// Speed: instead of sorting every eligible lead of a big campaign, each (list, status) pair is
// read as its own stream along the index leads(list_id, status, last_dial_attempt), which
// already is in dial order, `limit need` each; the streams are merged here. Tiers run in order
// and stop as soon as enough leads were found.
import { sql, type SqlBool } from 'kysely';
import { HIGH_PRIORITY_STATUS, type Status } from '../../../shared/catalogue';
import type { Db } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { STREAM_GUARANTEED_RULES, eligibleExcept } from './eligibility';

export interface Candidate {
  id: number;
  status: string;
  last_dial_attempt: string | null;
}

interface Tier {
  statuses: Status[];
  dialed: boolean;
}

/** Up to `need` eligible leads (all of them when `need` is null), in hopper order. */
export async function selectEligibleLeads(db: Db, ctx: CampaignContext, need: number | null, statuses?: readonly Status[]): Promise<Candidate[]> {
  // The stream guarantees (STREAM_GUARANTEED_RULES): active campaign, active lists, dialable statuses.
  if (!ctx.campaignActive || (need !== null && need <= 0)) return [];
  const wanted = ctx.dialable.filter((s) => !statuses || statuses.includes(s));
  const dropped = wanted.filter((s) => s === HIGH_PRIORITY_STATUS);
  const others = wanted.filter((s) => s !== HIGH_PRIORITY_STATUS);
  const tiers: Tier[] = [
    { statuses: dropped, dialed: false },
    { statuses: dropped, dialed: true },
    { statuses: others, dialed: false },
    { statuses: others, dialed: true },
  ];
  const out: Candidate[] = [];
  for (const tier of tiers) {
    const left = need === null ? null : need - out.length;
    if (left !== null && left <= 0) break;
    const found: Candidate[] = [];
    for (const listId of ctx.activeListIds) {
      for (const status of tier.statuses) found.push(...(await readStream(db, ctx, listId, status, tier.dialed, left)));
    }
    found.sort(tier.dialed ? byLastDialThenId : (a, b) => a.id - b.id);
    out.push(...(left === null ? found : found.slice(0, left)));
  }
  return out;
}

function byLastDialThenId(a: Candidate, b: Candidate): number {
  const ta = Date.parse(a.last_dial_attempt!);
  const tb = Date.parse(b.last_dial_attempt!);
  return ta !== tb ? ta - tb : a.id - b.id;
}

async function readStream(db: Db, ctx: CampaignContext, listId: number, status: Status, dialed: boolean, limit: number | null): Promise<Candidate[]> {
  const cutoff = status === 'dropped' ? ctx.droppedCutoff : ctx.retryCutoff;
  let q = db
    .selectFrom('leads')
    .select(['leads.id', 'leads.last_dial_attempt'])
    .where('leads.list_id', '=', listId)
    .where('leads.status', '=', status)
    // The index range; the retry rule below repeats it (one definition of eligibility).
    .where(dialed ? sql<SqlBool>`leads.last_dial_attempt <= ${cutoff}` : sql<SqlBool>`leads.last_dial_attempt is null`)
    // A never-dialed lead passes the retry rule by definition; stating it anyway misleads PostgreSQL's estimates.
    .where(eligibleExcept(ctx, dialed ? STREAM_GUARANTEED_RULES : [...STREAM_GUARANTEED_RULES, 'retry_delay']));
  // Ordered as the index is (all NULL in the never-dialed range), so both databases can stop
  // after `limit` rows instead of sorting the whole range.
  q = q.orderBy('leads.last_dial_attempt').orderBy('leads.id');
  if (limit !== null) q = q.limit(limit);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, status, last_dial_attempt: r.last_dial_attempt }));
}
