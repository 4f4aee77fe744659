// The DELHI-shaped profile (`npm run bench -- --profile delhi`, issue 22): the database the demo's
// generator makes (main/demo), at the bench's size. Its shape is the original failure's: the 620k
// list "Solar — Main import (Sept)" (list 1, of campaign 1 with 77% of the leads) holds ~82%
// problem leads, dialed leads left `new` or blank. Measured: the breakdown of that list, the
// problem report, dry run and fix of campaign 1 (as `fix-lead-status --campaign 1` runs them), the
// hopper's explain of campaign 1, and a recycle of that list and its undo, each against a SQL
// floor on the same data. Results: bench/results-delhi.json.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { STATUSES } from '../shared/catalogue';
import type { DbHandle } from '../main/db/open-database';
import { ensurePhoneKeys } from '../main/db/query/phone-keys';
import { fixedClock } from '../main/db/time';
import { DEMO_NOW, seedDemo } from '../main/demo/seed-demo';
import { DIALER_SPELLINGS, HANGUP_CAUSES } from '../main/demo/demo-profiles';
import { createServices } from '../main/services/create-services';
import type { DatasetInfo } from './dataset';
import { measureRecyclingScreen } from './screen-timings';
import { breakdownFloor, explainFloor, recycleFloor, undoFloor, type FillFloorParams } from './floors/simple-floors';
import { dryRunFloor, fixFloor, reportFloor } from './floors/problem-floors';
import type { Vocabulary } from './floors/sql-words';
import { OPERATIONS, leadsFingerprint, recycleStatusesOf, type Operation } from './operations';
import { fillParamsAt } from './fill-params';

/** List 1 is the demo's first list, "Solar — Main import (Sept)"; campaign 1 its campaign. */
export const DELHI_LIST_ID = 1;
export const DELHI_CAMPAIGN_ID = 1;
const clock = fixedClock(DEMO_NOW);
const services = (h: DbHandle) => createServices(h, clock);

/** The words the demo stores (demo-profiles.ts): the floors spell them out. */
export const DELHI_VOCABULARY: Vocabulary = {
  aliases: [...new Set([...Object.values(DIALER_SPELLINGS).flat(), ...STATUSES.map((s) => ` ${s.toUpperCase()} `), 'NEW'])],
  causes: [...new Set(Object.values(HANGUP_CAUSES).flat())],
  campaignId: DELHI_CAMPAIGN_ID,
};

/** Builds the profile's database (the demo's generator, phone keys filled as a console would). */
export async function generateDelhi(h: DbHandle, leads: number, onProgress: (done: number) => void): Promise<DatasetInfo> {
  const t0 = Date.now();
  const summary = await seedDemo(h, { leads, onProgress: (done) => onProgress(done) });
  await ensurePhoneKeys(h.db, h.dialect);
  const count = async (where: ReturnType<typeof sql>) => Number((await sql<{ n: number }>`select count(*) as n from leads where ${where}`.execute(h.db)).rows[0].n);
  return {
    leads: summary.leads,
    calls: summary.calls,
    lists: summary.lists,
    largestListId: DELHI_LIST_ID,
    largestListLeads: await count(sql`list_id = ${DELHI_LIST_ID}`),
    fillCampaignId: DELHI_CAMPAIGN_ID,
    fillCampaignLeads: await count(sql`list_id in (select id from lead_lists where campaign_id = ${DELHI_CAMPAIGN_ID})`),
    problemLeadsPerClass: 0,
    seconds: (Date.now() - t0) / 1000,
  };
}

/**
 * Measurements other than service-vs-floor ones, run after the operations below, in the same
 * child process per measurement, on the same database: the recycling screen's browser timings
 * (`screen_first_figures`, `screen_problem_banner`, issue 22 item 3) go here.
 */
export const DELHI_EXTRA_MEASUREMENTS: Operation[] = (['screen_first_figures', 'screen_problem_banner'] as const).map((name) => ({
  name,
  fresh: false,
  runs: { quick: 1, full: 3 },
  // `lead-console serve` on this copy and Chromium on it (bench/screen-timings.ts): click → shown.
  run: (h: DbHandle) => measureRecyclingScreen(h.target.kind === 'sqlite' ? ['--db', h.target.file] : ['--database-url', (h.target as { url: string }).url]),
  selfTimed: (value: unknown) => (value as Record<typeof name, number>)[name],
}));

const byName = (name: string) => OPERATIONS.find((o) => o.name === name)!;
const reportOf = (v: unknown) => {
  const x = v as { issues: Record<string, number>; not_fixable: number };
  return `${JSON.stringify(x.issues)} not_fixable=${x.not_fixable}`;
};

export const DELHI_OPERATIONS: Operation[] = [
  {
    ...byName('breakdown'),
    run: (h) => services(h).status.breakdown(DELHI_LIST_ID),
    floor: (h) => breakdownFloor(h, DELHI_LIST_ID),
  },
  {
    name: 'report',
    fresh: false,
    runs: { quick: 3, full: 3 },
    run: (h) => services(h).status.findAndFix({ mode: 'report', campaignId: DELHI_CAMPAIGN_ID }),
    floor: (h) => reportFloor(h, DELHI_VOCABULARY),
    fingerprint: async (_h, v) => reportOf(v),
  },
  {
    name: 'dry_run',
    fresh: false,
    runs: { quick: 3, full: 3 },
    run: (h) => services(h).status.findAndFix({ mode: 'dry-run', campaignId: DELHI_CAMPAIGN_ID }),
    floor: (h) => dryRunFloor(h, clock().toISOString(), DELHI_VOCABULARY),
    fingerprint: async (_h, v) => {
      const after = 'status_distribution_after' in (v as object) ? (v as { status_distribution_after: Record<string, number> }).status_distribution_after : (v as Record<string, number>);
      return JSON.stringify(Object.fromEntries(Object.entries(after).sort(([a], [b]) => a.localeCompare(b))));
    },
  },
  {
    name: 'fix',
    fresh: true,
    runs: { quick: 3, full: 3 },
    run: (h) => services(h).status.findAndFix({ mode: 'fix', campaignId: DELHI_CAMPAIGN_ID }),
    floor: (h) => fixFloor(h, randomUUID(), clock().toISOString(), DELHI_VOCABULARY),
    fingerprint: (h) => leadsFingerprint(h),
  },
  {
    ...byName('explain'),
    setup: async (h) => {
      await sql`delete from dialer_hopper`.execute(h.db);
      return fillParamsAt(h, DELHI_CAMPAIGN_ID, 0, clock);
    },
    run: (h) => services(h).hopper.explain(DELHI_CAMPAIGN_ID),
    floor: (h, _e, p) => explainFloor(h, p as FillFloorParams),
  },
  {
    ...byName('recycle'),
    setup: (h, env) => recycleStatusesOf(services(h), DELHI_LIST_ID, env),
    run: (h, _e, statuses) => services(h).recycling.recycle({ listId: DELHI_LIST_ID, statuses: statuses as string[], targetStatus: 'new', resetDialCount: true }),
    floor: (h, _e, statuses) => recycleFloor(h, DELHI_LIST_ID, statuses as string[], clock().toISOString(), randomUUID()),
  },
  {
    ...byName('undo'),
    setup: async (h, env) => {
      const statuses = await recycleStatusesOf(services(h), DELHI_LIST_ID, env);
      return (await services(h).recycling.recycle({ listId: DELHI_LIST_ID, statuses, targetStatus: 'new', resetDialCount: true })).operation_id;
    },
    run: (h, _e, opId) => services(h).recycling.undo(opId as string),
    floor: (h, _e, opId) => undoFloor(h, opId as string, randomUUID(), clock().toISOString()),
  },
  ...DELHI_EXTRA_MEASUREMENTS,
];
