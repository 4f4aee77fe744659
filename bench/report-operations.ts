// The supervisor reports' bench lines (issue 18): penetration of the largest list (40% of N),
// a campaign's activity for today (a busy day of calls added untimed), and the live view's
// refresh (its 5-second tier, all three campaigns; and its slow tier, which counts leads).
import { sql } from 'kysely';
import type { DbHandle } from '../main/db/open-database';
import { bulkInsert } from '../main/db/query/bulk-insert';
import { writeTransaction } from '../main/db/dialect';
import { fixedClock, type Clock } from '../main/db/time';
import { createServices } from '../main/services/create-services';
import { loadCampaignContext } from '../main/services/hopper/campaign-context';
import { LiveViewCache } from '../main/services/reports/live-view';
import { endOfLocalDay, minutesBefore, startOfLocalDay } from '../main/services/reports/report-period';
import { withCutoffsAt } from '../main/services/reports/runs-dry';
import type { ActivityReport, LiveView, PenetrationReport } from '../shared/types/reports';
import { BENCH_NOW, FILL_CAMPAIGN_ID, LARGEST_LIST_ID } from './dataset';
import { activityFloor, liveRefreshFloor, penetrationFloor, type ActivityFloorParams } from './floors/report-floors';
import type { FillFloorParams } from './floors/simple-floors';
import type { Operation } from './operation';
import { fillParamsAt } from './fill-params';
import { floorWithCountingPlan } from './floors/floor-planner';

const NOW = new Date(BENCH_NOW);
const CAMPAIGNS = [1, 2, 3];
/** Calls of today per campaign (a busy day on campaign 1), and compliance incidents. */
const TODAY_CALLS: Record<number, number> = { 1: 12_000, 2: 3_000, 3: 3_000 };
const RESULTS: [string | null, string | null][] = [['no_answer', null], ['busy', null], ['voicemail', null], ['sale', null], ['contacted', null], ['dropped', null], [null, '486'], ['NA', null]];

/** Today's calls, from the campaigns' local midnight to now, once per copy of the database. */
async function addTodaysCalls(h: DbHandle): Promise<void> {
  const done = await sql<{ n: number }>`select count(*) as n from call_logs where call_uuid like 'today-%'`.execute(h.db);
  if (Number(done.rows[0].n) > 0) return;
  const start = startOfLocalDay('America/New_York', NOW).getTime();
  const span = NOW.getTime() - start;
  const rows: Record<string, unknown>[] = [];
  for (const campaign of CAMPAIGNS) {
    const n = TODAY_CALLS[campaign];
    for (let i = 0; i < n; i++) {
      const at = new Date(start + Math.floor((i * span) / n)).toISOString();
      const [result, cause] = RESULTS[i % RESULTS.length];
      rows.push({ call_uuid: `today-${campaign}-${i}`, lead_id: 1 + (i % 5000), campaign_id: campaign, started_at: at, result, hangup_cause: cause, lead_synced_at: at });
    }
  }
  await writeTransaction(h.db, h.dialect, async (trx) => {
    await bulkInsert(trx, h.dialect, 'call_logs', rows);
    await bulkInsert(trx, h.dialect, 'compliance_incidents', [1, 2, 3].map((i) => ({ lead_id: i, call_uuid: `today-1-${i}`, phone: null, reason: 'dnc_phone', created_at: BENCH_NOW })));
  });
  if (h.dialect.timestampType === 'timestamptz') await sql`analyze call_logs`.execute(h.db);
}

const floorParams = (h: DbHandle): Promise<FillFloorParams> => fillParamsAt(h, FILL_CAMPAIGN_ID, 0, () => NOW);

async function activityParams(h: DbHandle): Promise<ActivityFloorParams> {
  await addTodaysCalls(h);
  const p = await floorParams(h);
  const ctx = await loadCampaignContext(h.db, h.dialect, FILL_CAMPAIGN_ID, NOW);
  const end = withCutoffsAt(ctx, endOfLocalDay(ctx.campaignTimezone, NOW));
  return {
    ...p,
    from: startOfLocalDay(ctx.campaignTimezone, NOW).toISOString(),
    to: BENCH_NOW,
    from30: minutesBefore(NOW, 30 * 24 * 60).toISOString(),
    lastHour: minutesBefore(NOW, 60).toISOString(),
    endOfDay: { retryCutoff: end.retryCutoff, droppedCutoff: end.droppedCutoff },
  };
}

/** A live view cache read once (untimed), on a clock the run moves by 5 seconds. */
async function openedLiveView(h: DbHandle): Promise<{ live: LiveViewCache; advance: () => void }> {
  await addTodaysCalls(h);
  let t = NOW.getTime();
  const clock: Clock = () => new Date(t);
  const live = new LiveViewCache(h, clock, { problems: false });
  await live.view();
  return { live, advance: () => (t += 5_000) };
}

const liveFingerprint = (v: LiveView) => {
  const sum = (f: (c: LiveView['campaigns'][number]) => number) => v.campaigns.reduce((s, c) => s + f(c), 0);
  return `hopper=${sum((c) => c.hopper.queued + c.hopper.dialing)} dials60=${sum((c) => c.dials_60m)} incidents=${sum((c) => c.compliance_incidents_today)}`;
};

const services = (h: DbHandle) => createServices(h, fixedClock(BENCH_NOW));

export const REPORT_OPERATIONS: Operation[] = [
  {
    // Target: under 500 ms at 1M leads (list 1 holds 400,000).
    name: 'report_penetration',
    warmup: true,
    fresh: false,
    runs: { quick: 5, full: 5 },
    setup: (h) => floorParams(h),
    run: (h) => services(h).reports.penetration(LARGEST_LIST_ID),
    floor: (h, _e, p) => floorWithCountingPlan(h, (f) => penetrationFloor(f, LARGEST_LIST_ID, p as FillFloorParams)),
    fingerprint: async (_h, v) => {
      if (typeof v === 'string') return v;
      const t = (v as PenetrationReport).totals;
      return `leads=${t.leads} called=${t.called} dialable=${t.dialable}`;
    },
  },
  {
    // Target: under 200 ms at 1M leads / 2M calls: today so far on campaign 1 (12,000 calls).
    name: 'report_activity',
    warmup: true,
    fresh: false,
    runs: { quick: 5, full: 5 },
    setup: (h) => activityParams(h),
    run: (h) => services(h).reports.activity({ campaignId: FILL_CAMPAIGN_ID }),
    floor: (h, _e, p) => floorWithCountingPlan(h, (f) => activityFloor(f, p as ActivityFloorParams)),
    fingerprint: async (_h, v) => {
      if (typeof v === 'string') return v;
      const a = v as ActivityReport;
      return `calls=${a.calls} answered=${a.answered} dropped30=${a.abandon_30d.dropped} answered30=${a.abandon_30d.answered} hour=${a.calls_last_hour} left=${a.leads_left_today}`;
    },
  },
  {
    // Target: under 50 ms of database time per campaign; this line is the 5-second tier of all three.
    name: 'live_refresh',
    warmup: true,
    fresh: false,
    runs: { quick: 7, full: 7 },
    setup: (h) => openedLiveView(h),
    run: async (_h, _e, prepared) => {
      const { live, advance } = prepared as Awaited<ReturnType<typeof openedLiveView>>;
      advance();
      await live.refresh();
      return live.view();
    },
    // Today's calls were added by the setup, untimed: checking for them here read every call's
    // uuid (a LIKE no index serves, ~100 ms at 2M calls), which made this floor 12 times the service.
    floor: async (h) => {
      // The instant the run reads at: 5 seconds after the cache's first read.
      const now = new Date(NOW.getTime() + 5_000);
      const ctx = await Promise.all(CAMPAIGNS.map((c) => loadCampaignContext(h.db, h.dialect, c, now)));
      const totals = [0, 0, 0];
      for (const c of ctx) {
        const at = { now: now.toISOString(), since15: minutesBefore(now, 15).toISOString(), since60: minutesBefore(now, 60).toISOString(), today: startOfLocalDay(c.campaignTimezone, now).toISOString() };
        (await liveRefreshFloor(h, c.campaignId, c.listIds, at)).forEach((n, i) => (totals[i] += n));
      }
      return `hopper=${totals[0]} dials60=${totals[1]} incidents=${totals[2]}`;
    },
    fingerprint: async (_h, v) => (typeof v === 'string' ? v : liveFingerprint(v as LiveView)),
  },
  {
    // The slow tier (each campaign's eligible leads, leads left today, 30-day abandon rate), read
    // at most once a minute or after a job run: all three campaigns. No floor: its parts are the
    // explain and activity floors'.
    name: 'live_refresh_slow',
    fresh: false,
    runs: { quick: 3, full: 3 },
    setup: (h) => openedLiveView(h),
    run: async (_h, _e, prepared) => {
      const { live, advance } = prepared as Awaited<ReturnType<typeof openedLiveView>>;
      live.markChanged('leads');
      advance();
      await live.refresh();
      return live.view();
    },
  },
];
