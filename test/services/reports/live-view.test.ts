// The live campaign view: its figures against hand-built data, the once-per-5-seconds rule (on a
// clock the test moves, no sleeps), and the push after a dial result and after a job run.
import { beforeEach, expect, it } from 'vitest';
import type { PushEvents } from '../../../shared/ipc/contract';
import type { LiveCampaignFigures } from '../../../shared/types/reports';
import type { JobRun } from '../../../shared/types/jobs';
import { LiveFeed } from '../../../main/app/live-feed';
import { PushEventBus } from '../../../main/app/push-events';
import { createServices } from '../../../main/services/create-services';
import { LiveViewCache } from '../../../main/services/reports/live-view';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, queueRow } from '../../support/hopper-fixtures';
import { makeCampaignCall, manualClock } from '../../support/report-fixtures';

const T = (hhmm: string, day = '2026-11-24') => `${day}T${hhmm}:00.000Z`;
const jobRun = (job: JobRun['job']): JobRun => ({ id: 1, job, started_at: NOON, finished_at: NOON, outcome: 'ok', counts: {}, error: null, runner: 'test' });

describeEachDialect('live campaign view', ({ h }) => {
  let campaign: number;
  let list: number;
  let caller: number;

  beforeEach(async () => {
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', hopper_target: 50 });
    list = await makeList(h, campaign);
    // Its tracking matches its 5 calls (2 answered): not a problem lead.
    caller = await makeLead(h, list, { status: 'contacted', dial_attempts: 5, answered_count: 2, last_dial_attempt: T('11:55'), dial_result: 'dropped' });
    for (const [result, at] of [
      ['no_answer', '09:05'],
      ['sale', '11:00'],
      ['contacted', '11:50'],
      ['dropped', '11:55'],
    ] as const) {
      await makeCampaignCall(h, campaign, caller, T(at), result);
    }
    await makeCampaignCall(h, campaign, caller, T('20:00', '2026-11-23'), 'dropped'); // yesterday
    const queued = await makeLead(h, list);
    await queueRow(h, campaign, queued);
    await queueRow(h, campaign, await makeLead(h, list), { state: 'dialing', claimed_at: T('11:59') });
    await makeLead(h, list); // eligible now
    await makeLead(h, list, { status: null }); // a problem lead (null_status)
    await h.db.insertInto('compliance_incidents').values({ lead_id: caller, call_uuid: 'dnc-today', phone: null, reason: 'dnc_phone', created_at: T('10:00') }).execute();
    await h.db.insertInto('compliance_incidents').values({ lead_id: caller, call_uuid: 'dnc-before', phone: null, reason: 'dnc_phone', created_at: T('23:00', '2026-11-23') }).execute();
  });

  const figuresOf = (campaigns: LiveCampaignFigures[]) => campaigns.find((c) => c.campaign_id === campaign)!;

  it('reads every figure of a campaign', async () => {
    const live = new LiveViewCache(h, manualClock(NOON).clock);
    const view = await live.view();
    await live.settled();
    const f = figuresOf((await live.view()).campaigns);
    expect(view.generated_at).toBe(NOON);
    expect(f).toMatchObject({
      campaign_name: 'Solar',
      active: true,
      refreshed_at: NOON,
      hopper: { queued: 1, dialing: 1, target: 50 },
      dials_15m: 2,
      answers_15m: 1,
      dials_60m: 3,
      answers_60m: 2,
      outcomes_today: { contacted: 1, dropped: 1, no_answer: 1, sale: 1 },
      abandon_rate_today: 0.333333,
      compliance_incidents_today: 1,
      eligible_now: 1,
      // Yesterday's dropped call counts in the 30 days: 2 ÷ (2 answered + 2 dropped).
      abandon_rate_30d: 0.5,
      abandon_flag: true,
      // Left today: the eligible lead and the two in the hopper; 3 calls in the last hour.
      leads_left_today: 3,
      runs_dry_at: T('13:00'),
      runs_dry_note: null,
      problem_leads: 1,
      problem_list_id: list,
    });
  });

  it('counts problem leads through the recycling screen’s kept counts: one count serves both', async () => {
    const s = createServices(h, manualClock(NOON).clock);
    await s.reports.live.view();
    await s.reports.live.settled();
    expect(figuresOf((await s.reports.live.view()).campaigns).problem_leads).toBe(1);
    // The live view's count is kept: the list's visit answers from it, without counting again.
    const visit = await s.problemCounts.forList(list);
    expect([visit.cached, visit.total_issues]).toEqual([true, 1]);
  });

  it('reads a campaign at most once per 5 seconds, however often it is asked', async () => {
    const time = manualClock(NOON);
    const live = new LiveViewCache(h, time.clock);
    await Promise.all(Array.from({ length: 10 }, () => live.view()));
    for (let i = 0; i < 10; i++) await live.view();
    expect(live.reads.get(campaign)).toMatchObject({ fast: 1, slow: 1 });
    time.advance(4_999);
    await live.refresh();
    expect(live.reads.get(campaign)!.fast).toBe(1);
    time.advance(1);
    await live.view();
    // Leads are counted again only a minute later, or after a job run.
    expect(live.reads.get(campaign)).toMatchObject({ fast: 2, slow: 1 });
    live.markChanged('leads');
    await live.view();
    expect(live.reads.get(campaign)).toMatchObject({ fast: 2, slow: 1 });
    time.advance(5_000);
    await live.view();
    expect(live.reads.get(campaign)).toMatchObject({ fast: 3, slow: 2 });
    time.advance(60_000);
    await live.view();
    expect(live.reads.get(campaign)).toMatchObject({ fast: 4, slow: 3 });
    await live.settled();
    expect(live.reads.get(campaign)!.problems).toBe(1);
  });

  it('pushes the new figures after a dial result, and after a job run, to whoever listens', async () => {
    const time = manualClock(NOON);
    const services = createServices(h, time.clock);
    const events = new PushEventBus();
    const pushed: PushEvents['reports/live-updated'][] = [];
    const feed = new LiveFeed({ live: services.reports.live, events, clock: time.clock });
    await feed.tick();
    expect(services.reports.live.reads.size).toBe(0); // nobody listens: nothing read
    events.subscribe((event, payload) => event === 'reports/live-updated' && pushed.push(payload as PushEvents['reports/live-updated']));
    await feed.tick();
    expect(figuresOf(pushed[0].campaigns).dials_15m).toBe(2);
    // The problem count runs in the background: let it land, so the pushes below are the test's.
    await services.reports.live.settled();

    // A dial result: seen at the next read allowed, not before.
    const lead = await makeLead(h, list);
    await services.hopper.recordDialAttempt({ call_uuid: 'live-1', lead_id: lead, started_at: T('12:00'), result: 'sale' });
    time.advance(1_000);
    await feed.tick();
    expect(pushed).toHaveLength(1);
    time.advance(4_000);
    await feed.tick();
    expect(pushed).toHaveLength(2);
    expect(figuresOf(pushed[1].campaigns)).toMatchObject({ dials_15m: 3, answers_15m: 2, eligible_now: 1 });

    // A job run (the fill): leads are counted again at the next read, and the push says so.
    await services.hopper.fill(campaign);
    feed.jobFinished(jobRun('fill_hopper'));
    time.advance(5_000);
    await feed.tick();
    expect(figuresOf(pushed[2].campaigns)).toMatchObject({ hopper: { queued: 2, dialing: 1, target: 50 }, eligible_now: 0 });
    // Nothing changed: nothing pushed.
    time.advance(5_000);
    await feed.tick();
    expect(pushed).toHaveLength(3);
    await feed.stop();
  });
});
