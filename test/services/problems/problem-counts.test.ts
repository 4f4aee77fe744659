// The recycling screen's problem counts: kept per list with their as-of time, answered from there
// while nothing that decides the list's classes changed, counted again when something did.
import { beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { createServices, type Services } from '../../../main/services/create-services';
import { ProblemCounts } from '../../../main/services/problems/problem-counts';
import { saveAlias } from '../../../main/services/status-words/alias-book';
import { describeEachDialect } from '../../support/databases';
import { at, makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';

describeEachDialect('problem counts kept per list', ({ h }) => {
  let s: Services;
  let counts: ProblemCounts;
  let listA: number;
  let listB: number;
  let leadA: number;
  let leadB: number;
  let counted: number;
  beforeEach(async () => {
    s = createServices(h, fixedClock(at(12)));
    // As createServices wires it, counting how often the list is really counted.
    counted = 0;
    counts = new ProblemCounts(h, fixedClock(at(12)), (listId, signal, onProgress) => {
      counted += 1;
      return s.status.findAndFix({ mode: 'report', listId, signal, onProgress });
    });
    const campaign = await makeCampaign(h);
    listA = await makeList(h, campaign, 'A');
    listB = await makeList(h, campaign, 'B');
    leadA = await makeLead(h, listA, { status: 'busy', dial_attempts: 1, last_dial_attempt: at(9), dial_result: 'busy', last_status_change: at(9) });
    await makeLead(h, listA, { status: null });
    leadB = await makeLead(h, listB, { status: 'busy', dial_attempts: 1, last_dial_attempt: at(9), dial_result: 'busy', last_status_change: at(9) });
  });

  it('answers a second visit from the kept counts, with the time they were taken', async () => {
    const first = await counts.forList(listA);
    expect(first).toMatchObject({ cached: false, as_of: at(12), total_issues: 1, issues: { null_status: 1 } });
    const second = await counts.forList(listA);
    expect(second).toMatchObject({ cached: true, as_of: at(12), total_issues: 1 });
    expect(counted).toBe(1);
    expect((await counts.forList(listA, { recount: true })).cached).toBe(false);
    expect(counted).toBe(2);
  });

  it('keeps the counts when only another list changed', async () => {
    await counts.forList(listA);
    await makeCall(h, leadB, at(10), 'busy', { synced: at(10) });
    await makeLead(h, listB, { status: null });
    await h.db.insertInto('lead_status_audit').values({ lead_id: leadB, old_status: 'busy', new_status: 'sale', source: 'call', created_at: at(11) }).execute();
    expect((await counts.forList(listA)).cached).toBe(true);
    expect(counted).toBe(1);
  });

  it('counts again after a call on the list (a new problem shows)', async () => {
    await counts.forList(listA);
    await makeCall(h, leadA, at(11), 'no_answer');
    const again = await counts.forList(listA);
    expect(again).toMatchObject({ cached: false, issues: { missing_dial_tracking: 1, null_status: 1 } });
  });

  it('counts again after a lead joins the list, a fix, a recycle, an undo, a saved alias and a sync', async () => {
    const changes: [string, () => Promise<unknown>][] = [
      ['import', () => makeLead(h, listA, { status: 'XFER' })],
      ['fix', () => s.status.findAndFix({ mode: 'fix', listId: listA })],
      ['recycle', () => s.recycling.recycle({ listId: listA, statuses: ['busy'], targetStatus: 'new', resetDialCount: false })],
      ['undo', async () => s.recycling.undo((await s.recycling.lastUndoable(listA))!.operation_id)],
      ['alias', () => saveAlias(h.db, 'xfer', 'sale', 'test', at(11))],
      ['call not yet applied', () => makeCall(h, leadA, at(10), 'busy')],
      ['sync', () => s.status.syncCalls()],
    ];
    await counts.forList(listA);
    for (const [what, change] of changes) {
      await change();
      expect((await counts.forList(listA)).cached, what).toBe(false);
      expect((await counts.forList(listA)).cached, `${what}, then nothing`).toBe(true);
    }
  });

  it('stops a count whose only caller walked away, and keeps nothing of it', async () => {
    for (let i = 0; i < 20; i++) await makeLead(h, listA, { status: null });
    const gone = new AbortController();
    gone.abort();
    await expect(counts.forList(listA, { signal: gone.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect((await counts.forList(listA)).cached).toBe(false);
  });

  it('shares one count between two visits; one walking away does not stop it for the other', async () => {
    const leaving = new AbortController();
    const left = counts.forList(listA, { signal: leaving.signal });
    const staying = counts.forList(listA, { signal: new AbortController().signal });
    leaving.abort();
    const [a, b] = await Promise.all([left, staying]);
    expect(b).toMatchObject({ cached: false, total_issues: 1 });
    expect(a.as_of).toBe(b.as_of);
    expect(counted).toBe(1);
  });

  it('a visit that comes while a left count is stopping gets a count of its own, not its cancel', async () => {
    // The screen left (its count is aborted) and came back at once: the new visit must not join
    // the count on its way out (the browser showed "Counting the problem leads was cancelled").
    const leaving = new AbortController();
    const left = expect(counts.forList(listA, { signal: leaving.signal })).rejects.toMatchObject({ code: 'cancelled' });
    leaving.abort();
    const back = await counts.forList(listA, { signal: new AbortController().signal });
    expect(back).toMatchObject({ cached: false, total_issues: 1 });
    await left;
    expect(counted).toBe(2);
  });
});
