// Issue 21 item 15: the run history a page at a time (keyset on started_at, id) and by outcome.
import { beforeEach, expect, it } from 'vitest';
import { claimRun, finishRun, listRuns } from '../../../main/services/jobs/job-runs';
import type { JobName, JobOutcome } from '../../../shared/types/jobs';
import { describeEachDialect } from '../../support/databases';
import { at } from '../../support/fixtures';

describeEachDialect('job run history', ({ h }) => {
  beforeEach(async () => {
    // 20 runs, two started at each instant (keyset ties), every fourth one failed, every fifth skipped.
    for (let i = 0; i < 20; i++) {
      const job: JobName = i % 2 === 0 ? 'fill_hopper' : 'sync_call_log_to_lead_status';
      const started = at(1 + Math.floor(i / 2));
      const id = (await claimRun(h.db, { job, scheduled_at: null, source: 'manual', started_at: started, runner: 'test' }))!;
      const outcome: Exclude<JobOutcome, 'running'> = i % 4 === 3 ? 'failed' : i % 5 === 4 ? 'skipped' : 'ok';
      await finishRun(h.db, id, { outcome, finished_at: started, counts: { queued: i } });
    }
  });

  it('pages newest first: consecutive pages, ties on started_at kept apart by id, none repeated or missed', async () => {
    const seen: number[] = [];
    let before: { started_at: string; id: number } | undefined;
    for (;;) {
      const page = await listRuns(h.db, { limit: 3, before });
      if (page.length === 0) break;
      seen.push(...page.map((r) => r.id));
      const last = page.at(-1)!;
      before = { started_at: last.started_at, id: last.id };
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('filters by outcome, with the job and a page', async () => {
    const failed = await listRuns(h.db, { outcome: 'failed' });
    expect(failed.map((r) => r.counts.queued)).toEqual([19, 15, 11, 7, 3]);
    expect((await listRuns(h.db, { outcome: 'skipped', job: 'fill_hopper' })).map((r) => r.counts.queued)).toEqual([14, 4]);
    const page2 = await listRuns(h.db, { outcome: 'failed', limit: 2, before: { started_at: failed[1].started_at, id: failed[1].id } });
    expect(page2.map((r) => r.counts.queued)).toEqual([11, 7]);
  });
});
