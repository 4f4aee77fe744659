// The scheduler on both databases with an injected clock: no test waits for real minutes.
import { expect, it } from 'vitest';
import { writeSetting } from '../../../main/services/jobs/job-settings';
import type { JobRun } from '../../../shared/types/jobs';
import type { JobRunStarted, SchedulerDatabaseState } from '../../../main/services/jobs';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { controlledServices, deferred, makeScheduler, minute, mutableClock, runRows, tickLabels } from '../../support/jobs-harness';

describeEachDialect('job scheduler', ({ h }) => {
  it('fires each job on its default schedule, collapses missed ticks, and runs reconcile at 02:00', async () => {
    const clock = mutableClock(minute(0, 30).toISOString());
    const { services } = controlledServices(h, clock);
    const scheduler = makeScheduler(h, clock, services);
    for (let m = 1; m <= 30; m++) {
      clock.set(minute(m));
      await scheduler.tick();
    }
    const labels = await tickLabels(h);
    const count = (job: string) => labels.filter((l) => l.startsWith(`${job}@`)).length;
    expect(count('fill_hopper')).toBe(30);
    expect(count('retry_dropped_calls')).toBe(15);
    expect(count('recycle_failed_calls')).toBe(6);
    expect(count('cleanup_stale_hopper_entries')).toBe(6);
    expect(await tickLabels(h, 'sync_call_log_to_lead_status')).toEqual(['00:10', '00:20', '00:30']);
    expect(await tickLabels(h, 'recycle_failed_calls')).toEqual(['00:05', '00:10', '00:15', '00:20', '00:25', '00:30']);
    expect(count('reconcile_lead_status')).toBe(0);

    // The machine slept from 00:30 to 01:59: one fill for the latest tick, not 89.
    clock.set(minute(119, 20));
    await scheduler.tick();
    expect((await tickLabels(h, 'fill_hopper')).slice(-2)).toEqual(['00:30', '01:59']);
    clock.set(minute(120));
    await scheduler.tick();
    expect(await tickLabels(h, 'reconcile_lead_status')).toEqual(['02:00']);
    const rows = await runRows(h);
    expect(rows.every((r) => r.outcome === 'ok'), JSON.stringify(rows.filter((r) => r.outcome !== 'ok'))).toBe(true);
    expect(rows.every((r) => r.source === 'schedule' && r.runner === scheduler.runnerId)).toBe(true);
  });

  it('reads the daily 02:00 in the configured zone', async () => {
    const clock = mutableClock('2026-03-02T06:58:00.000Z');
    const { services } = controlledServices(h, clock);
    const scheduler = makeScheduler(h, clock, services, { timezone: 'America/New_York', jobs: ['reconcile_lead_status'] });
    clock.set('2026-03-02T06:59:00.000Z');
    expect((await scheduler.tick()).runs).toHaveLength(0);
    clock.set('2026-03-02T07:00:00.000Z');
    const [run] = (await scheduler.tick()).runs;
    expect(run).toMatchObject({ job: 'reconcile_lead_status', outcome: 'ok', scheduled_at: '2026-03-02T07:00:00.000Z' });
  });

  it('calls the real services: the sync applies unapplied calls and counts them', async () => {
    const campaign = await makeCampaign(h);
    const list = await makeList(h, campaign);
    const lead = await makeLead(h, list);
    await h.db
      .insertInto('call_logs')
      .values([0, 1, 2].map((i) => ({ call_uuid: `c${i}`, lead_id: lead, started_at: minute(i).toISOString(), result: 'busy' })))
      .execute();
    const clock = mutableClock(minute(9).toISOString());
    const { services, sync } = controlledServices(h, clock);
    const scheduler = makeScheduler(h, clock, services, { jobs: ['sync_call_log_to_lead_status'] });
    clock.set(minute(10));
    const [run] = (await scheduler.tick()).runs;
    expect(run).toMatchObject({ outcome: 'ok', counts: { synced: 3, remaining: 0 } });
    expect(sync.calls[0].shouldStop).toBeTypeOf('function');
    const unapplied = await h.db.selectFrom('call_logs').select('id').where('lead_synced_at', 'is', null).execute();
    expect(unapplied).toHaveLength(0);
  });

  it('records a failing job as failed, keeps the others running, and runs it again at its next time', async () => {
    const clock = mutableClock(minute(9).toISOString());
    const { services, sync } = controlledServices(h, clock);
    const scheduler = makeScheduler(h, clock, services, { jobs: ['sync_call_log_to_lead_status', 'fill_hopper'] });
    sync.failNext = { times: 1, message: 'connection reset by peer\nat socket.js:12' };
    clock.set(minute(10));
    const first = (await scheduler.tick()).runs as JobRun[];
    const failed = first.find((r) => r.job === 'sync_call_log_to_lead_status')!;
    expect(failed).toMatchObject({ outcome: 'failed', error: 'connection reset by peer' });
    expect(first.find((r) => r.job === 'fill_hopper')).toMatchObject({ outcome: 'ok' });
    for (let m = 11; m <= 20; m++) {
      clock.set(minute(m));
      await scheduler.tick();
    }
    const history = await scheduler.history({ job: 'sync_call_log_to_lead_status' });
    expect(history.map((r) => [r.scheduled_at?.slice(11, 16), r.outcome])).toEqual([
      ['00:20', 'ok'],
      ['00:10', 'failed'],
    ]);
    expect(history[1].error).toBe('connection reset by peer');
    // The lease of the failed run was released: a manual run goes through.
    expect((await scheduler.runNow('sync_call_log_to_lead_status')).outcome).toBe('ok');
  });

  it('applies settings changed by another console at its next tick: schedule, disable, enable', async () => {
    const clock = mutableClock(minute(0, 30).toISOString());
    const { services } = controlledServices(h, clock);
    const scheduler = makeScheduler(h, clock, services, { jobs: ['sync_call_log_to_lead_status'] });
    const tickTo = async (from: number, to: number) => {
      for (let m = from; m <= to; m++) {
        clock.set(minute(m));
        await scheduler.tick();
      }
    };
    await tickTo(1, 11);
    await writeSetting(h, 'sync_call_log_to_lead_status', { schedule: '*/3 * * * *' }, clock(), 'other-console');
    await tickTo(12, 19);
    await writeSetting(h, 'sync_call_log_to_lead_status', { enabled: false }, clock(), 'other-console');
    await tickTo(20, 25);
    const info = (await scheduler.list())[0];
    expect(info).toMatchObject({ enabled: false, schedule: '*/3 * * * *', schedule_text: 'Every 3 minutes', next_run_at: null });
    await scheduler.set('sync_call_log_to_lead_status', { enabled: true });
    await tickTo(26, 30);
    expect(await tickLabels(h, 'sync_call_log_to_lead_status')).toEqual(['00:10', '00:12', '00:15', '00:18', '00:27', '00:30']);
  });

  it('emits run-started and run-finished with the contract payloads', async () => {
    const clock = mutableClock(minute(9).toISOString());
    const { services } = controlledServices(h, clock);
    const scheduler = makeScheduler(h, clock, services, { jobs: ['sync_call_log_to_lead_status'] });
    const started: JobRunStarted[] = [];
    const finished: JobRun[] = [];
    scheduler.on('run-started', (e) => started.push(e));
    scheduler.on('run-finished', (e) => finished.push(e));
    scheduler.on('run-finished', () => {
      throw new Error('a broken listener must not break the run');
    });
    clock.set(minute(10));
    const [run] = (await scheduler.tick()).runs as JobRun[];
    expect(started).toEqual([{ job: 'sync_call_log_to_lead_status', run_id: run.id, started_at: minute(10).toISOString() }]);
    expect(finished).toEqual([run]);
    expect(await scheduler.history()).toEqual([run]);
  });

  it('keeps the history for the configured number of days', async () => {
    const clock = mutableClock('2026-03-02T00:00:30.000Z');
    const old = { job: 'fill_hopper', source: 'schedule' as const, outcome: 'ok' as const, runner: 'r', finished_at: null };
    await h.db
      .insertInto('job_runs')
      .values([
        { ...old, scheduled_at: '2026-01-01T00:00:00.000Z', started_at: '2026-01-01T00:00:00.000Z' },
        { ...old, scheduled_at: '2026-02-25T00:00:00.000Z', started_at: '2026-02-25T00:00:00.000Z' },
      ])
      .execute();
    const { services } = controlledServices(h, clock);
    const scheduler = makeScheduler(h, clock, services, { jobs: ['fill_hopper'], retentionDays: 30 });
    clock.set(minute(1));
    await scheduler.tick();
    const left = (await runRows(h)).map((r) => r.started_at);
    expect(left).toEqual(['2026-02-25T00:00:00.000Z', minute(1).toISOString()]);
  });

  it('stop() lets a sync finish its current batch and leaves no half-applied batch', async () => {
    const campaign = await makeCampaign(h);
    const list = await makeList(h, campaign);
    const leads = await Promise.all([1, 2, 3].map(() => makeLead(h, list)));
    const calls = Array.from({ length: 600 }, (_, i) => ({
      call_uuid: `s${i}`,
      lead_id: leads[i % 3],
      started_at: new Date(Date.UTC(2026, 2, 1, 9, 0, i)).toISOString(),
      result: 'no_answer',
    }));
    for (let i = 0; i < calls.length; i += 200) await h.db.insertInto('call_logs').values(calls.slice(i, i + 200)).execute();
    const clock = mutableClock(minute(9).toISOString());
    const { services, sync } = controlledServices(h, clock);
    const scheduler = makeScheduler(h, clock, services, { jobs: ['sync_call_log_to_lead_status'] });
    let stopped: Promise<void> | null = null;
    let finishedBeforeStopResolved = false;
    scheduler.on('run-finished', () => (finishedBeforeStopResolved = true));
    sync.extra = {
      batchSize: 100,
      onProgress: () => {
        stopped ??= scheduler.stop().then(() => expect(finishedBeforeStopResolved).toBe(true));
      },
    };
    clock.set(minute(10));
    const [run] = (await scheduler.tick()).runs as JobRun[];
    await stopped;
    expect(run.outcome).toBe('ok');
    expect(run.counts.synced).toBe(100);
    const applied = await h.db.selectFrom('call_logs').select('id').where('lead_synced_at', 'is not', null).execute();
    expect(applied).toHaveLength(100);
    const attempts = await h.db.selectFrom('leads').select((eb) => eb.fn.sum<number>('dial_attempts').as('n')).executeTakeFirstOrThrow();
    expect(Number(attempts.n)).toBe(100);
    // A stopped scheduler starts nothing more.
    clock.set(minute(20));
    expect((await scheduler.tick()).runs).toHaveLength(0);
  });
});
