// The benchmark dataset: N leads in 3 campaigns and 40 lists (the largest list 40% of N), about
// 3 call logs per dialed lead, 2% problem leads of every class. Seeded: the same data on every
// run and on both databases. Leads are generated and written chunk by chunk (memory stays flat),
// with explicit ids, in big transactions.
import { classifyCallResult, type Status } from '../shared/catalogue';
import { normalisePhone } from '../shared/domain/phone';
import { bulkInsert, syncIdentity } from '../main/db/query/bulk-insert';
import { writeTransaction } from '../main/db/dialect';
import type { DbHandle } from '../main/db/open-database';
import { seededRandom, weighted } from '../main/demo/random';
import { applyCallRule } from '../main/services/calls/call-rule';
import type { LeadTracking } from '../main/services/leads/lead-tracking';

/** The bench's "now": every history ends a day before it; every calling window is open at it. */
export const BENCH_NOW = '2026-03-10T17:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW_MS = Date.parse(BENCH_NOW);

export const LIST_COUNT = 40;
export const LARGEST_LIST_SHARE = 0.4;
/** Lists 1..14 are campaign 1 (about 60% of the leads), 15..27 campaign 2, 28..40 campaign 3. */
export function campaignOfList(listId: number): number {
  return listId <= 14 ? 1 : listId <= 27 ? 2 : 3;
}
export const LARGEST_LIST_ID = 1;
export const FILL_CAMPAIGN_ID = 1;

/** Stored call results: catalogue words, or NULL with a hangup cause (10% of calls). */
const OUTCOMES: Record<Status, number> = {
  new: 0,
  no_answer: 35,
  busy: 10,
  voicemail: 15,
  failed: 5,
  congestion: 2,
  dropped: 3,
  contacted: 8,
  callback: 5,
  sale: 3,
  not_interested: 8,
  wrong_number: 3,
  invalid: 2,
  dnc: 1,
};
/** The hangup causes used for NULL results: a closed set, so the SQL floors can spell it out. */
export const BENCH_HANGUP_CAUSES = ['486', '480', '503', '404', '16', 'USER_BUSY', 'NO_ANSWER'] as const;
/** Alias and unknown words of the unknown_status class. */
export const BENCH_ALIASES = ['NA', 'B', ' Sale ', 'AM', 'NEW'] as const;
export const BENCH_UNKNOWN_WORDS = ['XFER', 'LATER-MAYBE'] as const;
const LEAD_TZ = [null, 'America/New_York', 'America/Chicago', 'Europe/London'] as const;

export interface DatasetInfo {
  leads: number;
  calls: number;
  lists: number;
  largestListId: number;
  largestListLeads: number;
  fillCampaignId: number;
  fillCampaignLeads: number;
  problemLeadsPerClass: number;
  seconds: number;
  /** The generated base on disk (after analyze and checkpoint), set by bench/run.ts. */
  size_mb?: number;
  mb_per_million_leads?: number;
}

/** List sizes: list 1 holds 40%, the 39 others share the rest evenly. */
export function listSizes(leads: number): number[] {
  const largest = Math.round(leads * LARGEST_LIST_SHARE);
  const rest = leads - largest;
  const sizes = [largest];
  for (let i = 0; i < LIST_COUNT - 1; i++) sizes.push(Math.floor(rest / (LIST_COUNT - 1)) + (i < rest % (LIST_COUNT - 1) ? 1 : 0));
  return sizes;
}

interface LeadOut {
  row: Record<string, unknown>;
  calls: Record<string, unknown>[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One lead and its calls. `kind` is decided by the caller from a seeded draw. */
function makeLead(
  rand: () => number,
  id: number,
  listId: number,
  kind: 'fresh' | 'dialed' | 'dialed_but_new' | 'missing_dial_tracking' | 'null_status' | 'unknown_status',
  nextCallId: () => number,
  withPhoneKey: boolean,
): LeadOut {
  const phone = `+1${String(2000000000 + ((id * 7919) % 7999999999)).slice(0, 10)}`;
  let t: LeadTracking = { status: 'new', dial_attempts: 0, answered_count: 0, last_dial_attempt: null, dial_result: null, last_status_change: null };
  const calls: Record<string, unknown>[] = [];
  const dialed = kind !== 'fresh' && kind !== 'null_status' && !(kind === 'unknown_status' && rand() < 0.2);
  if (dialed) {
    const k = kind === 'missing_dial_tracking' ? 2 + Math.floor(rand() * 4) : 1 + Math.floor(rand() * 5);
    let start = NOW_MS - (30 + Math.floor(rand() * 60)) * DAY;
    for (let c = 0; c < k; c++) {
      start += Math.floor((0.5 + rand() * 3) * DAY);
      const outcome = weighted(rand, OUTCOMES);
      const nullResult = rand() < 0.1;
      const cause = nullResult ? BENCH_HANGUP_CAUSES[Math.floor(rand() * BENCH_HANGUP_CAUSES.length)] : null;
      const callId = nextCallId();
      const startedAt = iso(start);
      calls.push({
        id: callId,
        call_uuid: `bench-${callId}`,
        lead_id: id,
        campaign_id: campaignOfList(listId),
        started_at: startedAt,
        ended_at: iso(start + 45_000),
        duration_seconds: 45,
        result: nullResult ? null : outcome,
        hangup_cause: cause,
        agent: null,
        lead_synced_at: iso(start + 60_000),
      });
      // The last call of a missing_dial_tracking lead never reached the lead.
      if (kind === 'missing_dial_tracking' && c === k - 1) break;
      t = applyCallRule(t, { startedAt, result: classifyCallResult(nullResult ? null : outcome, cause) }).next;
    }
  }
  if (kind === 'dialed_but_new') {
    t = rand() < 0.5 ? { ...t, status: null } : { ...t, status: 'new', last_status_change: null };
  } else if (kind === 'null_status') {
    t = { ...t, status: null };
  } else if (kind === 'unknown_status') {
    const words = rand() < 0.5 ? BENCH_ALIASES : BENCH_UNKNOWN_WORDS;
    const word = words[Math.floor(rand() * words.length)];
    // An alias of `new` only on a never-dialed lead, else it would be a dialed_but_new lead.
    t = { ...t, status: word === 'NEW' && t.dial_attempts > 0 ? 'XFER' : word };
  }
  const row: Record<string, unknown> = {
    id,
    list_id: listId,
    phone,
    first_name: 'Lead',
    last_name: String(id),
    timezone: LEAD_TZ[id % LEAD_TZ.length],
    ...t,
    attempts_reset_at: null,
    created_at: iso(NOW_MS - 120 * DAY),
  };
  if (withPhoneKey) row.phone_key = normalisePhone(phone);
  return { row, calls };
}

const KINDS = ['dialed_but_new', 'missing_dial_tracking', 'null_status', 'unknown_status'] as const;

/** Fills an empty, migrated database. */
export async function generateDataset(handle: DbHandle, leads: number, onProgress?: (done: number) => void): Promise<DatasetInfo> {
  const started = Date.now();
  const { db, dialect } = handle;
  const rand = seededRandom(20260310);
  await writeTransaction(db, dialect, async (trx) => {
    await bulkInsert(trx, dialect, 'campaigns', [1, 2, 3].map((id) => ({
      id,
      name: `Bench campaign ${id}`,
      active: dialect.bool(true),
      timezone: 'America/New_York',
      max_dial_attempts: 10,
      hopper_target: 200,
    })));
    await bulkInsert(trx, dialect, 'lead_lists', listSizes(leads).map((_, i) => ({
      id: i + 1,
      campaign_id: campaignOfList(i + 1),
      name: `Bench list ${i + 1}`,
      active: dialect.bool(true),
    })));
  });
  let callId = 0;
  const nextCallId = () => ++callId;
  let leadId = 0;
  const chunkSize = 20_000;
  let pendingLeads: Record<string, unknown>[] = [];
  let pendingCalls: Record<string, unknown>[] = [];
  const flush = async () => {
    const l = pendingLeads;
    const c = pendingCalls;
    pendingLeads = [];
    pendingCalls = [];
    await writeTransaction(db, dialect, async (trx) => {
      await bulkInsert(trx, dialect, 'leads', l);
      await bulkInsert(trx, dialect, 'call_logs', c);
    });
    onProgress?.(leadId);
  };
  const sizes = listSizes(leads);
  for (let list = 0; list < sizes.length; list++) {
    for (let i = 0; i < sizes[list]; i++) {
      leadId += 1;
      const draw = rand();
      // 2% per problem class, 30% never dialed, the rest dialed with consistent tracking.
      const kind = draw < 0.08 ? KINDS[Math.floor(draw / 0.02)] : draw < 0.38 ? 'fresh' : 'dialed';
      const out = makeLead(rand, leadId, list + 1, kind, nextCallId, dialect.name === 'sqlite');
      pendingLeads.push(out.row);
      for (const c of out.calls) pendingCalls.push(c);
      if (pendingLeads.length >= chunkSize) await flush();
    }
  }
  if (pendingLeads.length > 0) await flush();
  // About 0.5% of the phones are on the DNC list.
  const dnc: Record<string, unknown>[] = [];
  for (let id = 7; id <= leadId; id += 199) {
    const phone = `+1${String(2000000000 + ((id * 7919) % 7999999999)).slice(0, 10)}`;
    dnc.push(dialect.name === 'sqlite' ? { phone, phone_key: normalisePhone(phone) } : { phone });
  }
  await writeTransaction(db, dialect, (trx) => bulkInsert(trx, dialect, 'dnc_numbers', dnc));
  for (const table of ['campaigns', 'lead_lists', 'leads', 'call_logs'] as const) await syncIdentity(db, dialect, table);
  return {
    leads: leadId,
    calls: callId,
    lists: LIST_COUNT,
    largestListId: LARGEST_LIST_ID,
    largestListLeads: sizes[0],
    fillCampaignId: FILL_CAMPAIGN_ID,
    fillCampaignLeads: sizes.filter((_, i) => campaignOfList(i + 1) === FILL_CAMPAIGN_ID).reduce((a, b) => a + b, 0),
    problemLeadsPerClass: Math.round(leads * 0.02),
    seconds: (Date.now() - started) / 1000,
  };
}
