// Long work the caller walks away from stops: a fix keeps the ranges it committed (its operation
// stays undoable and the report says `stopped`), a report or dry run stops between two ranges, an
// explain stops between two ranges of leads.
import { beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { createServices, type Services } from '../../../main/services/create-services';
import { describeEachDialect } from '../../support/databases';
import { at, makeCampaign, makeLead, makeList } from '../../support/fixtures';

const LEADS = 40;
const RANGE = 4;

describeEachDialect('cancelling long work with a signal', ({ h }) => {
  let s: Services;
  let campaign: number;
  let list: number;
  beforeEach(async () => {
    s = createServices(h, fixedClock(at(12)));
    campaign = await makeCampaign(h);
    list = await makeList(h, campaign);
    for (let i = 0; i < LEADS; i++) await makeLead(h, list, { status: null, timezone: i % 2 ? 'America/New_York' : null });
  });

  /** Aborts once the first range is settled; returns the signal. */
  function abortAfterFirstRange() {
    const controller = new AbortController();
    return { signal: controller.signal, onProgress: () => controller.abort() };
  }

  it('a stopped fix keeps its committed ranges, says so, and stays undoable', async () => {
    const { signal, onProgress } = abortAfterFirstRange();
    const report = await s.status.findAndFix({ mode: 'fix', listId: list, batchSize: RANGE, signal, onProgress });
    expect(report.stopped).toBe(true);
    // The ranges in flight when the signal fired finish; nothing after them starts.
    const inFlight = h.dialect.fixRanges.inFlight;
    expect(report.checked).toBeGreaterThanOrEqual(RANGE);
    expect(report.checked).toBeLessThanOrEqual(RANGE * (inFlight + 1));
    expect(report.fixed).toBe(report.checked);
    const fixed = await h.db.selectFrom('leads').select('id').where('status', '=', 'new').execute();
    expect(fixed).toHaveLength(report.fixed);
    const op = await h.db.selectFrom('operations').selectAll().where('id', '=', report.operation_id!).executeTakeFirstOrThrow();
    expect(op.state).toBe('failed');
    expect(JSON.parse(op.summary!)).toMatchObject({ stopped: true, fixed: report.fixed });

    const undoable = await s.recycling.lastUndoable(list);
    expect(undoable).toMatchObject({ operation_id: report.operation_id, undoable: true, changed: report.fixed });
    const undone = await s.recycling.undo(report.operation_id!);
    expect(undone.changed).toBe(report.fixed);
    expect(await h.db.selectFrom('leads').select('id').where('status', 'is', null).execute()).toHaveLength(LEADS);
  });

  it('a report and a dry run stop between two ranges and change nothing', async () => {
    for (const mode of ['report', 'dry-run'] as const) {
      const { signal, onProgress } = abortAfterFirstRange();
      const report = await s.status.findAndFix({ mode, listId: list, batchSize: RANGE, signal, onProgress });
      expect(report.stopped, mode).toBe(true);
      expect(report.checked, mode).toBeLessThan(LEADS);
    }
    expect(await h.db.selectFrom('leads').select('id').where('status', 'is', null).execute()).toHaveLength(LEADS);
    expect(await h.db.selectFrom('operations').select('id').execute()).toHaveLength(0);
  });

  it('a signal that fired before the start checks nothing', async () => {
    const report = await s.status.findAndFix({ mode: 'fix', listId: list, signal: AbortSignal.abort() });
    expect(report).toMatchObject({ stopped: true, checked: 0, fixed: 0 });
  });

  it('explain counts every lead, and a cancelled one stops with `cancelled`', async () => {
    const whole = await s.hopper.explain(campaign);
    expect(whole.total_leads).toBe(LEADS);
    await expect(s.hopper.explain(campaign, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
