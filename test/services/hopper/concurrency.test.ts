// Several fillers and claimers at once never queue or hand out a lead twice, and fillers never
// overshoot the target: separate connections on PostgreSQL, separate processes on one SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../../main/db/open-database';
import type { ClaimedLead, FillResult } from '../../../shared/types/hopper';
import { createTestTarget } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, hopperAt, hopperRows } from '../../support/hopper-fixtures';
import { runLeadConsole } from '../../support/hopper-processes';

async function seed(h: DbHandle, leads: number): Promise<number> {
  const campaign = await makeCampaign(h, 'Race', { timezone: 'UTC', hopper_target: 60 });
  const lists = [await makeList(h, campaign, 'A'), await makeList(h, campaign, 'B')];
  for (let i = 0; i < leads; i++) await makeLead(h, lists[i % 2], i % 7 === 0 ? { status: 'dropped', dial_attempts: 1, last_dial_attempt: '2026-11-23T12:00:00.000Z' } : {});
  return campaign;
}

function expectNoDuplicates(ids: number[]) {
  expect(new Set(ids).size).toBe(ids.length);
}

describe('hopper concurrency [postgres: separate connections]', () => {
  const handles: DbHandle[] = [];
  let campaign: number;
  beforeAll(async () => {
    const target = await createTestTarget('postgres');
    for (let i = 0; i < 5; i++) handles.push(await openDatabase(target, { poolSize: 2 }));
    campaign = await seed(handles[0], 150);
  });
  afterAll(async () => {
    for (const h of handles) await h.close();
  });

  it('parallel fillers reach exactly the target', async () => {
    const results = await Promise.all(handles.flatMap((h) => [hopperAt(h).fill(campaign), hopperAt(h).fill(campaign)]));
    expect(results.reduce((s, r) => s + r.added, 0)).toBe(60);
    const rows = await hopperRows(handles[0]);
    expect(rows).toHaveLength(60);
    expectNoDuplicates(rows.map((r) => r.lead_id));
  });

  it('parallel claimers never get the same row, while fillers keep filling', async () => {
    const work: Promise<ClaimedLead[] | FillResult>[] = [];
    for (const h of handles) for (let i = 0; i < 4; i++) work.push(hopperAt(h).claim(campaign, 7), hopperAt(h).fill(campaign));
    const out = await Promise.all(work);
    const claimed = out.filter((x): x is ClaimedLead[] => Array.isArray(x)).flat();
    // How many each claimer gets depends on the interleaving; that no row is handed out twice does not.
    expect(claimed.length).toBeGreaterThanOrEqual(60);
    expectNoDuplicates(claimed.map((c) => c.lead_id));
    expectNoDuplicates(claimed.map((c) => c.hopper_id));
    const rows = await hopperRows(handles[0]);
    expectNoDuplicates(rows.map((r) => r.lead_id));
    expect(rows.filter((r) => r.state === 'dialing')).toHaveLength(claimed.length);
    expect(rows.filter((r) => r.state === 'queued').length).toBeLessThanOrEqual(60);
    // Draining the rest: every lead of the campaign handed out exactly once in all.
    await hopperAt(handles[1]).fill(campaign, { target: 1000 });
    const rest = await hopperAt(handles[2]).claim(campaign, 1000);
    expect(claimed.length + rest.length).toBe(150);
    expectNoDuplicates([...claimed, ...rest].map((c) => c.lead_id));
  });
});

describe('hopper concurrency [sqlite: separate processes on one file]', () => {
  let h: DbHandle;
  let file: string;
  let campaign: number;
  const common = () => ['--db', file, '--campaign', String(campaign), '--now', NOON, '--json'];
  beforeAll(async () => {
    const target = await createTestTarget('sqlite');
    file = (target as { file: string }).file;
    h = await openDatabase(target);
    campaign = await seed(h, 150);
  });
  afterAll(() => h.close());

  it('parallel filler processes reach exactly the target', async () => {
    const runs = await Promise.all([0, 1, 2, 3].map(() => runLeadConsole(['hopper', 'fill', ...common()])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const added = runs.map((r) => (JSON.parse(r.stdout) as FillResult).added);
    expect(added.reduce((a, b) => a + b, 0)).toBe(60);
    const rows = await hopperRows(h);
    expect(rows).toHaveLength(60);
    expectNoDuplicates(rows.map((r) => r.lead_id));
  });

  it('parallel claimer and filler processes never hand out a lead twice', async () => {
    const runs = await Promise.all([
      ...[0, 1, 2, 3].map(() => runLeadConsole(['hopper', 'claim', '--count', '25', ...common()])),
      runLeadConsole(['hopper', 'fill', ...common()]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const claimed = runs.slice(0, 4).flatMap((r) => JSON.parse(r.stdout) as ClaimedLead[]);
    expect(claimed.length).toBeGreaterThanOrEqual(60);
    expectNoDuplicates(claimed.map((c) => c.lead_id));
    const rows = await hopperRows(h);
    expectNoDuplicates(rows.map((r) => r.lead_id));
    expect(rows.filter((r) => r.state === 'dialing')).toHaveLength(claimed.length);
  });
});
