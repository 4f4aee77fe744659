// The benchmarked operations: each one is the service call (timed), its hand-written SQL floor
// (timed), an untimed setup on a fresh copy of the state, and an untimed fingerprint of the
// result, so that the bench can check the floor produced the same result as the service.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { STATUS_CATEGORY, isStatus } from '../shared/catalogue';
import type { DbHandle } from '../main/db/open-database';
import { fixedClock } from '../main/db/time';
import { createServices } from '../main/services/create-services';
import { BENCH_NOW, FILL_CAMPAIGN_ID, LARGEST_LIST_ID } from './dataset';
import { breakdownFloor, explainFingerprint, explainFloor, fillFloor, fingerprintCounts, recycleFloor, undoFloor, type FillFloorParams } from './floors/simple-floors';
import { fixFloor, reportFloor } from './floors/problem-floors';
import { addUnappliedCalls, syncFloor } from './floors/sync-floor';
import { importFloor, writeVendorFile, type ImportBenchFile } from './floors/import-floor';
import { exportLeads } from '../main/services/exports/export-leads';
import { Writable } from 'node:stream';
import { orderedFillFloor } from './floors/order-floor';
import { floorWithCountingPlan } from './floors/floor-planner';
import { exportFloor, searchLast4Floor, searchNameFloor, searchPhoneFloor } from './floors/lookup-floors';
import type { LeadOrder } from '../shared/campaign/lead-orders';
import type { HopperExplain } from '../shared/types/hopper';
import type { OpEnv, Operation } from './operation';
import { fillParamsAt } from './fill-params';
import { REPORT_OPERATIONS } from './report-operations';
import { AUDIT_OPERATIONS } from './audit-operations';

export type { OpEnv, Operation } from './operation';

const clock = fixedClock(BENCH_NOW);

/** The phone the dataset gives lead `id` (dataset.ts). */
const benchPhone = (id: number) => String(2000000000 + ((id * 7919) % 7999999999)).slice(0, 10);

type SearchFloor = (h: DbHandle, query: string) => Promise<number[]>;

/** [operation, query for N leads, its floor]: a whole phone as a person types it, its last 4 digits, a name. */
const LEAD_SEARCHES: [string, (env: OpEnv) => string, SearchFloor][] = [
  ['lead_search_phone', (env) => benchPhone(Math.floor(env.leads / 2)).replace(/^(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3'), searchPhoneFloor],
  ['lead_search_last4', (env) => benchPhone(Math.floor(env.leads / 3)).slice(-4), searchLast4Floor],
  // Every lead's first name is "Lead", last names are ids: an exact first name and a last-name prefix.
  ['lead_search_name', () => 'Lead 12', searchNameFloor],
];
const services = (h: DbHandle) => createServices(h, clock);

/** Explain's per-rule counts and leads per zone, as its floor gives them (explainFingerprint). */
export function explainAnswer(v: HopperExplain): string {
  const counts = new Map<string, number>([['eligible', v.eligible_now], ...v.excluded.map((e): [string, number] => [e.rule, e.count])]);
  return explainFingerprint(counts, new Map((v.timezones ?? []).map((z) => [z.timezone, z.leads])));
}

/** Leads by status (count, attempts, answered), audit rows, hopper rows, unapplied calls. */
export async function leadsFingerprint(h: DbHandle): Promise<string> {
  const rows = await sql<{ status: string | null; n: number; d: number; a: number }>`select status, count(*) as n,
    sum(dial_attempts) as d, sum(answered_count) as a from leads group by status`.execute(h.db);
  const audit = await sql<{ n: number }>`select count(*) as n from lead_status_audit`.execute(h.db);
  const hopper = await sql<{ n: number }>`select count(*) as n from dialer_hopper`.execute(h.db);
  const unsynced = await sql<{ n: number }>`select count(*) as n from call_logs where lead_synced_at is null`.execute(h.db);
  return `${fingerprintCounts(rows.rows.map((r) => [r.status, Number(r.n) * 1e9 + Number(r.d) * 1e3 + Number(r.a)]))} audit=${audit.rows[0].n} hopper=${hopper.rows[0].n} unsynced=${unsynced.rows[0].n}`;
}

/** Statuses of the largest list, largest first, until they hold a quarter of all leads. */
const recycleStatuses = (h: DbHandle, env: OpEnv) => recycleStatusesOf(services(h), LARGEST_LIST_ID, env);

/** Statuses of a list, largest first, until they hold a quarter of all leads (recyclable and worked ones only). */
export async function recycleStatusesOf(s: ReturnType<typeof createServices>, listId: number, env: OpEnv): Promise<string[]> {
  const b = await s.status.breakdown(listId);
  const picked: string[] = [];
  let n = 0;
  for (const s of b.statuses) {
    if (n >= env.leads / 4) break;
    if (s.status === null || !isStatus(s.status) || s.status === 'new' || STATUS_CATEGORY[s.status] === 'final') continue;
    picked.push(s.status);
    n += s.count;
  }
  return picked;
}

const fillParams = (h: DbHandle, need: number) => fillParamsAt(h, FILL_CAMPAIGN_ID, need, clock);


/** The lead order of the fill campaign (the order benches set theirs, the others `default`). */
const setLeadOrder = (h: DbHandle, order: LeadOrder) => sql`update campaigns set lead_order = ${order} where id = ${FILL_CAMPAIGN_ID}`.execute(h.db);

/** A fill of 200 in each lead order but `default` (fill_cold): `random` compared by count only. */
const ORDER_FILLS: Operation[] = (['down', 'up', 'down_count', 'up_count', 'up_last_call', 'random'] as const).map((order) => ({
  name: `fill_order_${order}`,
  warmup: true,
  fresh: false,
  runs: { quick: 5, full: 7 },
  setup: async (h: DbHandle) => {
    await sql`delete from dialer_hopper`.execute(h.db);
    await setLeadOrder(h, order);
    return fillParams(h, 200);
  },
  run: (h: DbHandle) => services(h).hopper.fill(FILL_CAMPAIGN_ID, { target: 200 }),
  floor: (h: DbHandle, _e: OpEnv, p: unknown) => orderedFillFloor(h, p as FillFloorParams, order),
  fingerprint: async (h: DbHandle) => (order === 'random' ? String((await hopperIds(h)).split(',').length) : hopperIds(h)),
}));

const hopperIds = async (h: DbHandle) =>
  (await sql<{ lead_id: number }>`select lead_id from dialer_hopper order by lead_id`.execute(h.db)).rows.map((r) => r.lead_id).join(',');

export const OPERATIONS: Operation[] = [
  {
    name: 'breakdown',
    warmup: true,
    fresh: false,
    runs: { quick: 7, full: 7 },
    run: (h) => services(h).status.breakdown(LARGEST_LIST_ID),
    floor: (h) => floorWithCountingPlan(h, (f) => breakdownFloor(f, LARGEST_LIST_ID)),
    fingerprint: async (_h, v) =>
      typeof v === 'string' ? v : fingerprintCounts((v as { statuses: { status: string | null; count: number }[] }).statuses.map((s) => [s.status, s.count])),
  },
  {
    name: 'report',
    fresh: false,
    runs: { quick: 3, full: 3 },
    run: (h) => services(h).status.findAndFix({ mode: 'report' }),
    floor: (h) => reportFloor(h),
    fingerprint: async (_h, v) => {
      const x = v as { issues: Record<string, number>; not_fixable: number };
      return `${JSON.stringify(x.issues)} not_fixable=${x.not_fixable}`;
    },
  },
  {
    name: 'fix',
    fresh: true,
    runs: { quick: 3, full: 3 },
    run: (h) => services(h).status.findAndFix({ mode: 'fix' }),
    floor: (h) => fixFloor(h, randomUUID(), clock().toISOString()),
    fingerprint: (h) => leadsFingerprint(h),
  },
  {
    name: 'recycle',
    fresh: true,
    runs: { quick: 3, full: 3 },
    setup: (h, env) => recycleStatuses(h, env),
    run: (h, _e, statuses) =>
      services(h).recycling.recycle({ listId: LARGEST_LIST_ID, statuses: statuses as string[], targetStatus: 'new', resetDialCount: true }),
    floor: (h, _e, statuses) => recycleFloor(h, LARGEST_LIST_ID, statuses as string[], clock().toISOString(), randomUUID()),
    fingerprint: (h) => leadsFingerprint(h),
  },
  {
    name: 'undo',
    fresh: true,
    runs: { quick: 3, full: 3 },
    setup: async (h, env) => {
      const statuses = await recycleStatuses(h, env);
      const op = await services(h).recycling.recycle({ listId: LARGEST_LIST_ID, statuses, targetStatus: 'new', resetDialCount: true });
      return op.operation_id;
    },
    run: (h, _e, opId) => services(h).recycling.undo(opId as string),
    floor: (h, _e, opId) => undoFloor(h, opId as string, randomUUID(), clock().toISOString()),
    fingerprint: (h) => leadsFingerprint(h),
  },
  {
    name: 'fill_cold',
    warmup: true,
    fresh: false,
    runs: { quick: 7, full: 7 },
    setup: async (h) => {
      await sql`delete from dialer_hopper`.execute(h.db);
      await setLeadOrder(h, 'default');
      return fillParams(h, 200);
    },
    run: (h) => services(h).hopper.fill(FILL_CAMPAIGN_ID, { target: 200 }),
    floor: (h, _e, p) => fillFloor(h, p as FillFloorParams),
    fingerprint: (h) => hopperIds(h),
  },
  {
    name: 'fill_90pct_ineligible',
    warmup: true,
    fresh: false,
    runs: { quick: 7, full: 7 },
    setup: async (h) => {
      await sql`delete from dialer_hopper`.execute(h.db);
      await setLeadOrder(h, 'default');
      // Once per copy: nine leads in ten of the campaign reach the attempt cap, spread evenly,
      // so every index stream has to pass over them.
      const marked = await sql<{ n: number }>`select count(*) as n from leads where dial_attempts = 99`.execute(h.db);
      if (Number(marked.rows[0].n) === 0) {
        await sql`update leads set dial_attempts = 99 where id % 10 <> 0
          and list_id in (select id from lead_lists where campaign_id = ${FILL_CAMPAIGN_ID})`.execute(h.db);
      }
      return fillParams(h, 200);
    },
    run: (h) => services(h).hopper.fill(FILL_CAMPAIGN_ID, { target: 200 }),
    floor: (h, _e, p) => fillFloor(h, p as FillFloorParams),
    fingerprint: (h) => hopperIds(h),
  },
  {
    name: 'explain',
    warmup: true,
    fresh: false,
    runs: { quick: 5, full: 5 },
    setup: async (h) => {
      await sql`delete from dialer_hopper`.execute(h.db);
      return fillParams(h, 0);
    },
    run: (h) => services(h).hopper.explain(FILL_CAMPAIGN_ID),
    floor: (h, _e, p) => floorWithCountingPlan(h, (f) => explainFloor(f, p as FillFloorParams)),
    fingerprint: async (_h, v) => (typeof v === 'string' ? v : explainAnswer(v as HopperExplain)),
  },
  {
    name: 'sync',
    fresh: true,
    runs: { quick: 3, full: 3 },
    setup: async (h, env) => {
      await addUnappliedCalls(h, env.leads, Math.round(env.leads / 10));
      const p = await fillParams(h, 0);
      return p;
    },
    run: (h) => services(h).status.syncCalls(),
    floor: (h, _e, p) => {
      const x = p as FillFloorParams;
      return syncFloor(h, clock().toISOString(), x.maxAttempts, x.campaignTz, x.openTimezones);
    },
    fingerprint: (h) => leadsFingerprint(h),
  },
  {
    // A vendor file as large as the database (campaign dedupe, 2% DNC, 3% duplicates, 1% bad).
    name: 'import',
    fresh: true,
    runs: { quick: 3, full: 3 },
    setup: (h, env) => writeVendorFile(h, LARGEST_LIST_ID, env.leads),
    run: async (h, _e, f) => {
      const x = f as ImportBenchFile;
      return (await services(h).imports.import({ listId: x.listId, file: x.file, dedupe: 'campaign', dryRun: false })).imported;
    },
    floor: (h, _e, f) => importFloor(h, f as ImportBenchFile),
    fingerprint: async (h) => {
      const r = await sql<{ n: number; k: number }>`select count(*) as n, count(distinct phone_key) as k from leads where list_id = ${LARGEST_LIST_ID}`.execute(h.db);
      return `leads=${r.rows[0].n} keys=${r.rows[0].k}`;
    },
    // The file has as many rows as the database has leads.
    rows: (_v, env) => env.leads,
  },
  {
    // The largest list (40% of the leads) as CSV into a sink, page by page (memory flat); its
    // floor reads the same rows in one statement, without CSV.
    name: 'export',
    fresh: false,
    runs: { quick: 3, full: 3 },
    run: async (h) => {
      const sink = new Writable({ write: (_c, _e, done) => done() });
      return (await exportLeads(h, { listId: LARGEST_LIST_ID }, sink)).rows;
    },
    floor: (h) => exportFloor(h, LARGEST_LIST_ID),
    fingerprint: async (_h, v) => String(v),
    rows: (v) => Number(v),
  },
  // Lead search (issue 17): target under 50 ms at 1M leads, each kind of query, on both databases.
  // Run with a fresh page (no cursor), 20 leads; the floor is one statement that finds the same 20.
  ...LEAD_SEARCHES.map(
    ([name, query, floor]): Operation => ({
      name,
      warmup: true,
      fresh: false,
      runs: { quick: 7, full: 7 },
      setup: async (_h, env) => query(env),
      run: (h, _e, q) => services(h).leads.search(q as string, { limit: 20 }),
      floor: (h, _e, q) => floor(h, q as string),
      fingerprint: async (_h, v) => (Array.isArray(v) ? v : (v as { leads: { id: number }[] }).leads.map((l) => l.id)).join(','),
    }),
  ),
  ...ORDER_FILLS,
  ...REPORT_OPERATIONS,
  ...AUDIT_OPERATIONS,
];
