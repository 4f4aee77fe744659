// Lead search (issue 17): by id, by phone (any spelling, or its last 4+ digits), by name prefix;
// newest first (highest id), a page at a time. Each key is one condition (search-dialect.ts),
// answered along the index it can be read from that holds the fewest candidates (each counted from
// the index alone, up to WALK_SPAN): when those are at most WALK_SPAN, the database reads them and
// keeps the newest page (a rare name, a phone, "Lead 12" by its last name); when more (a common
// name, 4 digits at millions of leads), a walk of the primary key newest first over the newest
// WALK_SPAN leads, which stops after one page; and when that walk finds less than a page, the
// index's candidates after all. So a search reads at most about WALK_SPAN index entries or rows
// unless a common name's matches are all old. (Before, a probe of up to 2,000 matches along the
// first index read every candidate until it had them: "Lead 12" read ~120,000 leads by their
// first name `Lead` to find 2,000 whose last name starts with 12; 102 ms at 1M on SQLite.)
import { InputError } from '../../../shared/errors';
import type { LeadMatch, LeadSearchResult, LeadSearchRow } from '../../../shared/types/leads';
import type { Db, Dialect } from '../../db/dialect';
import { candidateCountQuery, nameSearch, phoneSearch, sortedProbeQuery, walkQuery, type SearchCondition } from './search-dialect';
import { planSearch } from './search-query';
import { leadsWithCampaign } from './lead-rows';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 200;
/**
 * Up to this many candidates along an index are read and sorted by the database; past it, the
 * newest this many leads are walked instead (both cost about as much at the limit: tens of ms).
 */
export const WALK_SPAN = 20_000;

export interface SearchOptions {
  limit?: number;
  /** The previous page's `next_before_id`. */
  beforeId?: number | null;
}

/** The newest `limit` ids matching one condition, below `beforeId`. */
async function newestMatching(db: Db, dialect: Dialect, c: SearchCondition, beforeId: number | null, limit: number, span: number): Promise<number[]> {
  let best = c.ways[0];
  let fewest = Infinity;
  for (const way of c.ways) {
    const n = Number((await candidateCountQuery(dialect, way, beforeId, span + 1).execute(db)).rows[0].n);
    if (n < fewest) [best, fewest] = [way, n];
    if (n === 0) return [];
  }
  const sorted = async () => (await sortedProbeQuery(dialect, c, beforeId, limit, best).execute(db)).rows.map((r) => Number(r.id));
  if (fewest <= span) return sorted();
  // Many candidates: a common name usually has a page among the newest leads...
  const walked = (await walkQuery(c, beforeId, limit, span).execute(db)).rows.map((r) => Number(r.id));
  if (walked.length >= limit) return walked;
  // ...else its matches are older: the index finds them all and the database keeps the newest,
  // rather than a walk over every newer lead.
  return sorted();
}

/** `walkSpan`: WALK_SPAN, smaller in the tests that walk a few hundred leads. */
export async function searchLeads(db: Db, dialect: Dialect, query: string, options: SearchOptions = {}, walkSpan = WALK_SPAN): Promise<LeadSearchResult> {
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
  if (plan.phoneSuffix !== null) add(await newestMatching(db, dialect, phoneSearch(dialect, plan.phoneSuffix), beforeId, want, walkSpan), 'phone');
  for (const name of plan.names) add(await newestMatching(db, dialect, nameSearch(dialect, name), beforeId, want, walkSpan), 'name');

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
