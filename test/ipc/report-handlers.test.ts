// The report channels through the IPC dispatch, and the live view's push wired into the app
// runtime: a job run (here a fill, run from the console) reaches every listener as
// `reports/live-updated` at the next allowed read.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import type { DbHandle } from '../../main/db/open-database';
import { dispatch } from '../../main/ipc/dispatch';
import type { HandlerContext, Handlers } from '../../main/ipc/handler-types';
import { manualTrigger } from '../../main/services/jobs';
import type { PushEvents } from '../../shared/ipc/contract';
import { describeEachDialect, resetDatabase } from '../support/databases';
import { useHandlerRuntime } from '../support/handler-runtime';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';
import { NOON } from '../support/hopper-fixtures';
import { makeCampaignCall, manualClock } from '../support/report-fixtures';

describeEachDialect('report channels', ({ dialect }) => {
  let runtime: AppRuntime;
  let h: DbHandle;
  let campaign: number;
  let list: number;
  const time = manualClock(NOON);
  const ctx: HandlerContext = { emit: () => undefined };

  const rt = useHandlerRuntime(dialect, time.clock, ctx);
  const { call } = rt;
  beforeAll(() => {
    ({ runtime, h } = rt);
  });
  beforeEach(async () => {
    await resetDatabase(h);
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', hopper_target: 2 });
    list = await makeList(h, campaign);
    for (let i = 0; i < 3; i++) await makeLead(h, list);
    await makeCampaignCall(h, campaign, await makeLead(h, list, { status: 'sale', dial_attempts: 1 }), '2026-11-24T11:50:00.000Z', 'sale');
  });

  it('answers each report and its CSV; refuses bad input clearly', async () => {
    expect(await call('reports/penetration', { listId: list })).toMatchObject({ ok: true, value: { totals: { leads: 4, called: 1, not_called: 3, dialable: 3 } } });
    expect(await call('reports/activity', { campaignId: campaign })).toMatchObject({ ok: true, value: { calls: 1, answered: 1, outcomes: { sale: 1 } } });
    expect(await call('reports/penetration-csv', { listId: list, now: '2026-11-24T02:00:00Z' })).toMatchObject({ ok: true, value: { filename: `penetration-list-${list}-2026-11-24.csv` } });
    expect(await call('reports/activity-csv', { campaignId: campaign })).toMatchObject({ ok: true, value: { rows: 1 + 1 + 48 } });
    expect(await call('reports/activity', { campaignId: campaign, from: '2026-11-24T12:00:00Z', to: '2026-11-24T11:00:00Z' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('reports/penetration', { listId: 987_654 })).toEqual({ ok: false, error: { code: 'not_found', message: 'List 987654 does not exist.' } });
    expect(await call('reports/penetration', { listId: list, now: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('the live view: read from the cache, pushed after a job run', async () => {
    time.advance(60_000);
    const live = await call('reports/live', {});
    expect(live).toMatchObject({ ok: true, value: { campaigns: [{ campaign_id: campaign, hopper: { queued: 0, target: 2 }, eligible_now: 3 }] } });
    const pushed: PushEvents['reports/live-updated'][] = [];
    const off = runtime.events.subscribe((event, payload) => event === 'reports/live-updated' && pushed.push(payload as PushEvents['reports/live-updated']));
    try {
      expect(await call('jobs/run-now', { job: 'fill_hopper' })).toMatchObject({ ok: true, value: { outcome: 'ok' } });
      time.advance(5_000);
      // The feed checks twice a second whether a read is allowed.
      await vi.waitFor(() => expect(pushed.at(-1)?.campaigns[0]).toMatchObject({ hopper: { queued: 2 }, eligible_now: 1 }), { timeout: 5_000, interval: 100 });
    } finally {
      off();
    }
  });
});
