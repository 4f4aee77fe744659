// A demo database in the shape of the real failure (docs/domain.md): three campaigns, several lists
// (one inactive), leads with realistic dial histories and every problem class. Seeded: the
// same data on every run. Leads are generated and written chunk by chunk, so memory stays flat.
import { classifyCallResult, FINAL_STATUSES, type Status } from '../../shared/catalogue';
import { ConsoleError } from '../../shared/errors';
import { bulkInsert, syncIdentity } from '../db/query/bulk-insert';
import { writeTransaction } from '../db/dialect';
import type { DbHandle } from '../db/open-database';
import { applyCallRule } from '../services/calls/call-rule';
import type { LeadTracking } from '../services/leads/lead-tracking';
import {
  BROKEN_LIST_PROFILES,
  DIALER_SPELLINGS,
  HANGUP_CAUSES,
  HEALTHY_LIST_PROFILES,
  OUTCOMES,
  UNKNOWN_WORDS,
  type Profile,
} from './demo-profiles';
import { pick, seededRandom, weighted } from './random';
import { DEMO_LEADS } from './demo-defaults';

export { DEMO_LEADS };
/** The demo's "today": histories end before it, whatever day the demo is opened. */
export const DEMO_NOW = '2026-11-24T15:00:00.000Z';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface ListSpec {
  campaign: number;
  name: string;
  active: boolean;
  share: number;
  profiles: Record<Profile, number>;
}

const CAMPAIGNS = [
  { name: 'Solar Savings Outreach', timezone: 'America/New_York', max_dial_attempts: 10, hopper_target: 200 },
  { name: 'Home Insurance Renewals', timezone: 'America/Chicago', max_dial_attempts: 8, hopper_target: 150 },
  { name: 'Winback Q4', timezone: 'America/Los_Angeles', max_dial_attempts: 6, hopper_target: 100 },
];

const LISTS: ListSpec[] = [
  { campaign: 0, name: 'Solar — Main import (Sept)', active: true, share: 0.62, profiles: BROKEN_LIST_PROFILES },
  { campaign: 0, name: 'Solar — Web form leads', active: true, share: 0.1, profiles: HEALTHY_LIST_PROFILES },
  { campaign: 0, name: 'Solar — 2025 archive', active: false, share: 0.05, profiles: HEALTHY_LIST_PROFILES },
  { campaign: 1, name: 'Renewals — November', active: true, share: 0.1, profiles: HEALTHY_LIST_PROFILES },
  { campaign: 1, name: 'Renewals — Lapsed', active: true, share: 0.06, profiles: HEALTHY_LIST_PROFILES },
  { campaign: 2, name: 'Winback — Former customers', active: true, share: 0.07, profiles: HEALTHY_LIST_PROFILES },
];

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'Maria', 'Jose', 'Wei', 'Aisha', 'Carlos', 'Fatima'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Nguyen', 'Patel', 'Kim', 'Lopez'];
const AREA = ['212', '305', '312', '415', '512', '617', '702', '713', '801', '904'];
const LEAD_TZ = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Phoenix'];

export interface SeedOptions {
  leads?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  campaigns: number;
  lists: number;
  leads: number;
  calls: number;
  unapplied_calls: number;
  dnc_numbers: number;
}

function phoneOf(i: number, rand: () => number): string {
  const digits = String(2_000_000 + i).padStart(7, '0');
  const area = AREA[i % AREA.length];
  const style = Math.floor(rand() * 4);
  if (style === 0) return `+1 (${area}) ${digits.slice(0, 3)}-${digits.slice(3)}`;
  if (style === 1) return `${area}-${digits.slice(0, 3)}-${digits.slice(3)}`;
  if (style === 2) return `+1${area}${digits}`;
  return `+1 ${area} ${digits.slice(0, 3)} ${digits.slice(3)}`;
}

function spellResult(rand: () => number, result: Status): { result: string | null; hangup_cause: string | null } {
  const r = rand();
  const causes = HANGUP_CAUSES[result];
  if (causes && r < 0.15) return { result: null, hangup_cause: pick(rand, causes) };
  const spellings = DIALER_SPELLINGS[result];
  if (spellings && r < 0.3) return { result: pick(rand, spellings), hangup_cause: null };
  return { result, hangup_cause: null };
}

export async function seedDemo(handle: DbHandle, options: SeedOptions = {}): Promise<SeedSummary> {
  const { db, dialect } = handle;
  const total = options.leads ?? DEMO_LEADS;
  const rand = seededRandom(options.seed ?? 58466);
  const existing = await db.selectFrom('leads').select('id').limit(1).executeTakeFirst();
  const existingCampaign = await db.selectFrom('campaigns').select('id').limit(1).executeTakeFirst();
  if (existing || existingCampaign) {
    throw new ConsoleError('invalid_input', 'This database already has campaigns or leads; seed the demo into a new database file, or give --reset to delete this file and seed it again.');
  }
  const nowMs = Date.parse(DEMO_NOW);
  const campaignIds: number[] = [];
  const listIds: number[] = [];
  await writeTransaction(db, dialect, async (trx) => {
    for (const c of CAMPAIGNS) {
      const row = await trx.insertInto('campaigns').values(c).returning('id').executeTakeFirstOrThrow();
      campaignIds.push(row.id);
    }
    for (const l of LISTS) {
      const row = await trx
        .insertInto('lead_lists')
        .values({ campaign_id: campaignIds[l.campaign], name: l.name, active: dialect.bool(l.active) })
        .returning('id')
        .executeTakeFirstOrThrow();
      listIds.push(row.id);
    }
  });

  const summary: SeedSummary = { campaigns: CAMPAIGNS.length, lists: LISTS.length, leads: 0, calls: 0, unapplied_calls: 0, dnc_numbers: 0 };
  const dncPhones: string[] = [];
  const CHUNK = 5000;
  let callSeq = 0;
  for (let start = 0; start < total; start += CHUNK) {
    const leads: Record<string, unknown>[] = [];
    const calls: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(total, start + CHUNK); i++) {
      const listIndex = listIndexFor(i, total);
      const spec = LISTS[listIndex];
      const profile = weighted(rand, spec.profiles);
      const leadId = i + 1;
      const phone = phoneOf(i, rand);
      if (rand() < 0.004) dncPhones.push(phone.replace(/\D/g, '').replace(/^1/, '+1'));
      const created = nowMs - (40 + Math.floor(rand() * 50)) * DAY;
      let tracking: LeadTracking = { status: 'new', dial_attempts: 0, answered_count: 0, last_dial_attempt: null, dial_result: null, last_status_change: null };
      let attemptsResetAt: string | null = null;
      const dialed = profile !== 'fresh' && profile !== 'null_fresh';
      if (dialed) {
        const maxCalls = 1 + Math.floor(rand() * 7);
        const unappliedTail = profile === 'unapplied_calls' ? 1 + Math.floor(rand() * 2) : profile === 'final_late_call' ? 1 : 0;
        const withoutLogs = (profile === 'dialed_left_new' || profile === 'dialed_left_null') && rand() < 0.4;
        let t = created + (1 + rand() * 5) * DAY;
        let n = 0;
        for (; n < maxCalls + unappliedTail && t < nowMs - HOUR; n++) {
          const late = n >= maxCalls;
          let outcome = weighted(rand, OUTCOMES);
          if (profile === 'final_late_call' && !late && n === maxCalls - 1) outcome = rand() < 0.5 ? 'sale' : 'not_interested';
          if (late) outcome = 'no_answer';
          const spelled = spellResult(rand, outcome);
          const startedAt = new Date(Math.floor(t)).toISOString();
          const isUnapplied = late || (profile === 'unapplied_calls' && n >= maxCalls);
          if (!withoutLogs) {
            callSeq += 1;
            calls.push({
              call_uuid: `demo-${String(callSeq).padStart(8, '0')}`,
              lead_id: leadId,
              campaign_id: campaignIds[spec.campaign],
              started_at: startedAt,
              ended_at: new Date(Math.floor(t) + (20 + Math.floor(rand() * 200)) * 1000).toISOString(),
              duration_seconds: 20 + Math.floor(rand() * 200),
              result: spelled.result,
              hangup_cause: spelled.hangup_cause,
              agent: rand() < 0.3 ? pick(rand, ['ana', 'ben', 'chloe', 'dev']) : null,
              lead_synced_at: isUnapplied ? null : new Date(Math.floor(t) + 60_000).toISOString(),
            });
            if (isUnapplied) summary.unapplied_calls += 1;
          }
          if (!isUnapplied) {
            tracking = applyCallRule(tracking, { startedAt, result: classifyCallResult(spelled.result, spelled.hangup_cause) }).next;
          }
          if (!late && FINAL_STATUSES.includes(tracking.status as Status) && profile !== 'final_late_call') break;
          t += (4 + rand() * 44) * HOUR;
        }
        const lastDial = tracking.last_dial_attempt;
        switch (profile) {
          case 'recycled':
            if (lastDial) tracking = { ...tracking, status: 'new', last_status_change: new Date(Date.parse(lastDial) + DAY).toISOString() };
            break;
          case 'reset':
            if (lastDial) {
              attemptsResetAt = new Date(Date.parse(lastDial) + HOUR).toISOString();
              tracking = { ...tracking, status: 'new', dial_attempts: 0, answered_count: 0, last_status_change: attemptsResetAt };
            }
            break;
          case 'dialed_left_new':
            tracking = { ...tracking, status: rand() < 0.9 ? 'new' : 'NEW', last_status_change: null };
            break;
          case 'dialed_left_null':
            tracking = { ...tracking, status: rand() < 0.8 ? null : '', last_status_change: null };
            break;
          case 'alias': {
            const s = tracking.status as Status;
            const spellings = DIALER_SPELLINGS[s];
            tracking = { ...tracking, status: spellings ? pick(rand, spellings) : ` ${String(s).toUpperCase()} ` };
            break;
          }
          case 'unknown_word':
            tracking = { ...tracking, status: pick(rand, UNKNOWN_WORDS) };
            break;
          default:
            break;
        }
      } else if (profile === 'null_fresh') {
        tracking = { ...tracking, status: null };
      }
      leads.push({
        id: leadId,
        list_id: listIds[listIndex],
        phone,
        first_name: pick(rand, FIRST),
        last_name: pick(rand, LAST),
        timezone: rand() < 0.15 ? pick(rand, LEAD_TZ) : null,
        ...tracking,
        attempts_reset_at: attemptsResetAt,
        created_at: new Date(created).toISOString(),
      });
    }
    await writeTransaction(db, dialect, async (trx) => {
      await bulkInsert(trx, dialect, 'leads', leads);
      await bulkInsert(trx, dialect, 'call_logs', calls);
    });
    summary.leads += leads.length;
    summary.calls += calls.length;
    options.onProgress?.(summary.leads, total);
  }
  await syncIdentity(db, dialect, 'leads');
  const uniqueDnc = [...new Set(dncPhones)];
  await bulkInsert(db, dialect, 'dnc_numbers', uniqueDnc.map((phone) => ({ phone })));
  summary.dnc_numbers = uniqueDnc.length;
  return summary;
}

/** Lists by share, in contiguous id ranges (an import fills one list at a time). */
function listIndexFor(i: number, total: number): number {
  let edge = 0;
  for (let k = 0; k < LISTS.length; k++) {
    edge += LISTS[k].share * total;
    if (i < edge) return k;
  }
  return LISTS.length - 1;
}
