import { beforeAll, beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { StatusService } from '../../../main/services/status/status-service';
import { describeEachDialect } from '../../support/databases';
import { at, getLead, makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';

// docs/domain.md "Worked examples", one test per row, on each database.
describeEachDialect('worked examples of docs/domain.md', ({ h }) => {
  let svc: StatusService;
  let listId: number;
  beforeAll(async () => {
    svc = new StatusService(h, fixedClock(at(20)));
  });
  beforeEach(async () => {
    listId = await makeList(h, await makeCampaign(h));
  });

  it('NULL status, never dialed → null_status → new', async () => {
    const id = await makeLead(h, listId, { status: null });
    const report = await svc.findAndFix({ mode: 'fix' });
    expect(report.issues.null_status).toBe(1);
    expect((await getLead(h.db, id)).status).toBe('new');
  });

  it('new with 2 attempts and dial_result busy, no calls → dialed_but_new → busy', async () => {
    const id = await makeLead(h, listId, { status: 'new', dial_attempts: 2, last_dial_attempt: at(10), dial_result: 'busy' });
    const report = await svc.findAndFix({ mode: 'fix' });
    expect(report.issues.dialed_but_new).toBe(1);
    expect((await getLead(h.db, id)).status).toBe('busy');
  });

  it('new recycled after its last dial is not a problem', async () => {
    const id = await makeLead(h, listId, { status: 'new', dial_attempts: 3, last_dial_attempt: at(10), last_status_change: at(11) });
    for (const hour of [8, 9, 10]) await makeCall(h, id, at(hour), 'no_answer', { synced: at(hour) });
    const report = await svc.findAndFix({ mode: 'fix' });
    expect(report.total_issues).toBe(0);
    const lead = await getLead(h.db, id);
    expect([lead.status, lead.dial_attempts]).toEqual(['new', 3]);
  });

  it('no_answer with a later sale call → missing_dial_tracking → sale, 2 attempts, 1 answered', async () => {
    const id = await makeLead(h, listId, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: at(9), dial_result: 'no_answer', last_status_change: at(9) });
    await makeCall(h, id, at(9), 'no_answer', { synced: at(9) });
    await makeCall(h, id, at(12), 'sale');
    const report = await svc.findAndFix({ mode: 'fix' });
    expect(report.issues.missing_dial_tracking).toBe(1);
    const lead = await getLead(h.db, id);
    expect(lead).toMatchObject({ status: 'sale', dial_attempts: 2, answered_count: 1, last_dial_attempt: at(12), dial_result: 'sale' });
  });

  it('sale with a later no_answer call keeps sale but repairs tracking', async () => {
    const id = await makeLead(h, listId, { status: 'sale', dial_attempts: 1, answered_count: 1, last_dial_attempt: at(9), dial_result: 'sale', last_status_change: at(9) });
    await makeCall(h, id, at(9), 'sale', { synced: at(9) });
    await makeCall(h, id, at(12), 'no_answer');
    const report = await svc.findAndFix({ mode: 'fix' });
    expect(report.issues.missing_dial_tracking).toBe(1);
    const lead = await getLead(h.db, id);
    expect(lead).toMatchObject({ status: 'sale', dial_attempts: 2, last_dial_attempt: at(12), dial_result: 'no_answer' });
  });

  it("' NA ' → unknown_status → no_answer", async () => {
    const id = await makeLead(h, listId, { status: ' NA ' });
    const report = await svc.findAndFix({ mode: 'fix' });
    expect(report.issues.unknown_status).toBe(1);
    expect((await getLead(h.db, id)).status).toBe('no_answer');
  });
});
