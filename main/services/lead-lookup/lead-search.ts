// Lead search (issue 17): by id, by phone (any spelling, or its last 4+ digits), by name prefix;
// newest first (highest id), a page at a time. Each key is one condition (search-dialect.ts),
// answered one of two ways: a probe of its index for at most PROBE_CAP leads, sorted here when
// that is all of them (a rare name, a phone; a name pair tries the other name's index too); or,
// when more match (a common name, 4 digits at millions of leads), a walk of the primary key
// newest first over the newest 20,000 leads, which stops after one page; and when that walk finds
// less than a page, the index's matches sorted by the database, newest first.
import { InputError } from '../../../shared/errors';
import type { LeadMatch, LeadSearchResult, LeadSearchRow } from '../../../shared/types/leads';
import type { Db, Dialect } from '../../db/dialect';
import { nameSearch, phoneSearch, probeQuery, sortedProbeQuery, walkQuery, type SearchCondition } from './search-dialect';
import { planSearch } from './search-query';
import { leadsWithCampaign } from './lead-rows';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 200;
/** Up to this many matches are sorted here; past it, the primary key is walked instead. */
const PROBE_CAP = 2000;
/** How many of the newest leads that walk reads at most before the index is asked instead. */
const WALK_SPAN = 20_000;

export interface SearchOptions {
  limit?: number;
  /** The previous page's `next_before_id`. */
  beforeId?: number | null;
}

/** The newest `limit` ids matching one condition, below `beforeId`. */
async function newestMatching(db: Db, dialect: Dialect, c: SearchCondition, beforeId: number | null, limit: number): Promise<number[]> {
  const indexes = c.otherIndex ? [c.index, c.otherIndex] : [c.index];
  for (const index of indexes) {
    const probe = (await probeQuery(dialect, c, beforeId, PROBE_CAP + 1, index).execute(db)).rows.map((r) => Number(r.id));
    if (probe.length <= PROBE_CAP) return probe.sort((a, b) => b - a).slice(0, limit);
  }
  // Many match: a common name usually has a page among the newest leads...
  const walked = (await walkQuery(c, beforeId, limit, WALK_SPAN).execute(db)).rows.map((r) => Number(r.id));
  if (walked.length >= limit) return walked;
  // ...else its matches are older (at 1M, "Lead 12" matches no lead newer than 130,000): the index
  // finds them all and the database keeps the newest, rather than a walk over every newer lead.
  return (await sortedProbeQuery(dialect, c, beforeId, limit, indexes[indexes.length - 1]).execute(db)).rows.map((r) => Number(r.id));
}

export async function searchLeads(db: Db, dialect: Dialect, query: string, options: SearchOptions = {}): Promise<LeadSearchResult> {
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) throw new InputError(`The limit must be between 1 and ${MAX_SEARCH_LIMIT} (got ${limit}).`);
  const beforeId = options.beforeId ?? null;
  const plan = planSearch(query);
  // One more than a page: whether there is a next page.
  const want = limit + 1;
  const matches = new Map<number, Set<LeadMatch>>();
  const add = (ids: number[], how: LeadMatch) => {
    for (const id of ids) matches.set(id, (matches.get(id) ?? new Set()).add(how));
  };
  if (plan.id !== null && (beforeId === null || plan.id < beforeId)) {
    add((await db.selectFrom('leads').select('id').where('id', '=', plan.id).execute()).map((r) => r.id), 'id');
  }
  if (plan.phoneSuffix !== null) add(await newestMatching(db, dialect, phoneSearch(dialect, plan.phoneSuffix), beforeId, want), 'phone');
  for (const name of plan.names) add(await newestMatching(db, dialect, nameSearch(dialect, name), beforeId, want), 'name');

  const ids = [...matches.keys()].sort((a, b) => b - a);
  const page = ids.slice(0, limit);
  const rows = page.length === 0 ? [] : await readRows(db, page);
  return {
    query,
    searched: plan.searched,
    leads: rows.map((r) => ({ ...r, matched: [...matches.get(r.id)!] })),
    next_before_id: ids.length > limit ? page[page.length - 1] : null,
  };
}

async function readRows(db: Db, ids: number[]): Promise<Omit<LeadSearchRow, 'matched'>[]> {
  const rows = await leadsWithCampaign(db).where('leads.id', 'in', ids).orderBy('leads.id', 'desc').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), dial_attempts: Number(r.dial_attempts) }));
}
