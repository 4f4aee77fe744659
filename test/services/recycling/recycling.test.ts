import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { DbHandle } from '../../../main/db/open-database';
import { fixedClock } from '../../../main/db/time';
import { RecyclingService } from '../../../main/services/recycling/recycling-service';
import { StatusService } from '../../../main/services/status/status-service';
import type { RecycleRequest } from '../../../shared/types/recycling';
import { describeEachDialect } from '../../support/databases';
import { at, getLead, makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';

const NOW = at(20);

function req(listId: number, statuses: (string | null)[], extra: Partial<RecycleRequest> = {}): RecycleRequest {
  return { listId, statuses, targetStatus: 'new', resetDialCount: false, ...extra };
}

async function snapshot(h: DbHandle, listId: number) {
  return h.db
    .selectFrom('leads')
    .select(['id', 'status', 'dial_attempts', 'answered_count', 'last_dial_attempt', 'dial_result', 'last_status_change', 'attempts_reset_at'])
    .where('list_id', '=', listId)
    .orderBy('id')
    .execute();
}

describeEachDialect('recycling', ({ h }) => {
  let svc: RecyclingService;
  let listId: number;
  let otherList: number;
  beforeAll(async () => {
    svc = new RecyclingService(h, fixedClock(NOW));
  });
  beforeEach(async () => {
    const c = await makeCampaign(h);
    listId = await makeList(h, c);
    otherList = await makeList(h, c, 'List B');
  });

  async function seedMix() {
    const ids = {
      na1: await makeLead(h, listId, { status: 'no_answer', dial_attempts: 3, last_dial_attempt: at(9), last_status_change: at(9) }),
      na2: await makeLead(h, listId, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: at(8), last_status_change: at(8) }),
      busy: await makeLead(h, listId, { status: 'busy', dial_attempts: 2, last_dial_attempt: at(7), last_status_change: at(7) }),
      nul: await makeLead(h, listId, { status: null }),
      sale: await makeLead(h, listId, { status: 'sale', dial_attempts: 1, last_status_change: at(6) }),
      dnc: await makeLead(h, listId, { status: 'dnc', dial_attempts: 1 }),
      dncAlias: await makeLead(h, listId, { status: 'DNCL' }),
      fresh: await makeLead(h, listId, { status: 'new', dial_attempts: 0 }),
      freshDialed: await makeLead(h, listId, { status: 'new', dial_attempts: 2, last_status_change: at(5) }),
      otherNa: await makeLead(h, otherList, { status: 'no_answer', dial_attempts: 4 }),
    };
    return ids;
  }

  it('preview counts exactly the leads that change, skips dnc and names finals needing an override', async () => {
    await seedMix();
    const p = await svc.preview(req(listId, ['no_answer', 'busy', null, 'sale', 'dnc', 'DNCL', 'new']));
    expect(p.will_change).toBe(4); // 2 no_answer, busy, NULL; new→new changes nothing without reset
    expect(p.skipped_dnc).toBe(2);
    expect(p.needs_override).toEqual(['sale']);
    expect(p.by_status).toEqual(expect.arrayContaining([{ status: 'no_answer', count: 2 }, { status: 'busy', count: 1 }, { status: null, count: 1 }]));
    const withReset = await svc.preview(req(listId, ['no_answer', 'new'], { resetDialCount: true }));
    expect(withReset.will_change).toBe(3); // the dialed `new` lead is reset, the undialed one is not changed
    const withOverride = await svc.preview(req(listId, ['sale'], { finalOverride: { reason: 'callback campaign' } }));
    expect([withOverride.will_change, withOverride.needs_override]).toEqual([1, []]);
  });

  it('recycles with reset in one operation: audit rows, operation_leads, dnc and other lists untouched', async () => {
    const ids = await seedMix();
    const progress: number[] = [];
    const r = await svc.recycle(req(listId, ['no_answer', 'busy', null, 'dnc'], { resetDialCount: true }), (p) => progress.push(p.done));
    expect(r).toMatchObject({ kind: 'recycle', changed: 4, list_id: listId });
    expect(progress.at(-1)).toBe(4);
    for (const id of [ids.na1, ids.na2, ids.busy, ids.nul]) {
      expect(await getLead(h.db, id)).toMatchObject({ status: 'new', dial_attempts: 0, attempts_reset_at: NOW, last_status_change: NOW });
    }
    expect(await getLead(h.db, ids.dnc)).toMatchObject({ status: 'dnc', dial_attempts: 1 });
    expect(await getLead(h.db, ids.otherNa)).toMatchObject({ status: 'no_answer', dial_attempts: 4 });
    const audits = await h.db.selectFrom('lead_status_audit').selectAll().where('operation_id', '=', r.operation_id).execute();
    expect(audits).toHaveLength(4);
    expect(new Set(audits.map((a) => a.source))).toEqual(new Set(['recycle']));
    const undoRows = await h.db.selectFrom('operation_leads').selectAll().where('operation_id', '=', r.operation_id).execute();
    expect(undoRows).toHaveLength(4);
  });

  it('refuses finals without an override and changes nothing; moves them with one', async () => {
    const ids = await seedMix();
    const before = await snapshot(h, listId);
    await expect(svc.recycle(req(listId, ['no_answer', 'sale']))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/sale is a final status/) });
    expect(await snapshot(h, listId)).toEqual(before);
    const r = await svc.recycle(req(listId, ['sale'], { finalOverride: { reason: 'wrongly closed by agent' } }));
    expect(r.changed).toBe(1);
    expect((await getLead(h.db, ids.sale)).status).toBe('new');
    const audit = await h.db.selectFrom('lead_status_audit').select('reason').where('lead_id', '=', ids.sale).executeTakeFirstOrThrow();
    expect(audit.reason).toMatch(/final override: wrongly closed by agent/);
  });

  it('refuses a final or fresh-less target and an unknown list', async () => {
    await expect(svc.recycle(req(listId, ['busy'], { targetStatus: 'sale' }))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(svc.recycle(req(listId, ['busy'], { targetStatus: 'contacted' }))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(svc.preview(req(999, ['busy']))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('recycles to a recyclable target without reset, keeping dial counts', async () => {
    const ids = await seedMix();
    await svc.recycle(req(listId, [null], { targetStatus: 'no_answer' }));
    expect(await getLead(h.db, ids.nul)).toMatchObject({ status: 'no_answer', dial_attempts: 0, attempts_reset_at: null });
  });

  it('recycle then undo restores every lead exactly, audited as undo', async () => {
    await seedMix();
    const before = await snapshot(h, listId);
    const r = await svc.recycle(req(listId, ['no_answer', 'busy', null, 'new'], { resetDialCount: true }));
    expect(r.changed).toBe(5);
    const last = await svc.lastUndoable(listId);
    expect(last).toMatchObject({ operation_id: r.operation_id, kind: 'recycle', undoable: true, changed: 5, reason: null });
    const u = await svc.undo(r.operation_id);
    expect(u).toMatchObject({ kind: 'undo', changed: 5, list_id: listId });
    expect(await snapshot(h, listId)).toEqual(before);
    const undoAudits = await h.db.selectFrom('lead_status_audit').selectAll().where('source', '=', 'undo').execute();
    expect(undoAudits).toHaveLength(4); // the `new` lead only had its count reset
    expect(undoAudits.every((a) => a.operation_id === u.operation_id && a.old_status === 'new')).toBe(true);
    expect(await svc.lastUndoable(listId)).toBeNull();
    await expect(svc.undo(r.operation_id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses to undo once a lead changed since (a call came in), and changes nothing', async () => {
    const ids = await seedMix();
    const r = await svc.recycle(req(listId, ['no_answer', 'busy'], { resetDialCount: true }));
    const status = new StatusService(h, fixedClock(at(21)));
    await status.recordCall({ call_uuid: 'after-recycle', lead_id: ids.na1, started_at: at(21), result: 'sale' });
    const last = await svc.lastUndoable(listId);
    expect(last).toMatchObject({ operation_id: r.operation_id, undoable: false });
    expect(last!.reason).toMatch(/1 of the 3 leads/);
    const before = await snapshot(h, listId);
    await expect(svc.undo(r.operation_id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Cannot undo.*lead \d+ is now "sale"/) });
    expect(await snapshot(h, listId)).toEqual(before);
  });

  it('only the last operation of a list can be undone', async () => {
    await seedMix();
    const first = await svc.recycle(req(listId, ['no_answer']));
    const second = await svc.recycle(req(listId, ['busy']));
    await expect(svc.undo(first.operation_id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/must be undone first/) });
    await svc.undo(second.operation_id);
    expect((await svc.lastUndoable(listId))?.operation_id).toBe(first.operation_id);
    await svc.undo(first.operation_id);
    expect(await svc.lastUndoable(listId)).toBeNull();
  });

  it('undoes a fix of a list: statuses come back, dial tracking rebuilt from real calls stays', async () => {
    const a = await makeLead(h, listId, { status: 'new', dial_attempts: 2, last_dial_attempt: at(10), dial_result: 'busy' });
    const b = await makeLead(h, listId, { status: null });
    // missing_dial_tracking: the fix raises answered_count and moves last dial and dial_result.
    const c = await makeLead(h, listId, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: at(9), dial_result: 'no_answer', last_status_change: at(9) });
    await makeCall(h, a, at(10), 'busy', { synced: at(10) });
    await makeCall(h, c, at(9), 'no_answer', { synced: at(9) });
    await makeCall(h, c, at(12), 'callback');
    const before = await snapshot(h, listId);
    const status = new StatusService(h, fixedClock(NOW));
    const fix = await status.findAndFix({ mode: 'fix', listId });
    expect((await getLead(h.db, a)).status).toBe('busy');
    expect((await getLead(h.db, b)).status).toBe('new');
    const last = await svc.lastUndoable(listId);
    expect(await getLead(h.db, c)).toMatchObject({ status: 'callback', answered_count: 1, last_dial_attempt: at(12), dial_result: 'callback' });
    expect(last).toMatchObject({ kind: 'fix', undoable: true, changed: 3 });
    const fixed = await snapshot(h, listId);
    await svc.undo(fix.operation_id!);
    const after = await snapshot(h, listId);
    const decision = (l: Record<string, unknown>) => [l.status, l.last_status_change];
    const tracking = (l: Record<string, unknown>) => [l.dial_attempts, l.answered_count, l.last_dial_attempt, l.dial_result];
    expect(after.map(decision)).toEqual(before.map(decision));
    expect(after.map(tracking)).toEqual(fixed.map(tracking));
  });

  it('undoing a fix never moves a lead out of dnc (dnc is absorbing)', async () => {
    const a = await makeLead(h, listId, { status: 'new' });
    const b = await makeLead(h, listId, { status: null });
    await makeCall(h, a, at(10), 'DNCL');
    const fix = await new StatusService(h, fixedClock(NOW)).findAndFix({ mode: 'fix', listId });
    expect((await getLead(h.db, a)).status).toBe('dnc');
    const u = await svc.undo(fix.operation_id!);
    expect(u.changed).toBe(1);
    expect((await getLead(h.db, a)).status).toBe('dnc');
    expect((await getLead(h.db, b)).status).toBeNull();
  });

  it('refuses to undo a fix once a repaired lead was dialed since', async () => {
    const c = await makeLead(h, listId, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: at(9), dial_result: 'no_answer', last_status_change: at(9) });
    await makeCall(h, c, at(9), 'no_answer', { synced: at(9) });
    await makeCall(h, c, at(12), 'busy');
    const fix = await new StatusService(h, fixedClock(NOW)).findAndFix({ mode: 'fix', listId });
    // Only the dialing columns move (an answered call later on): the status stays busy.
    await h.db.updateTable('leads').set({ answered_count: 5 }).where('id', '=', c).execute();
    expect(await svc.lastUndoable(listId)).toMatchObject({ undoable: false });
    await expect(svc.undo(fix.operation_id!)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('an unknown operation is not found; a recycle that matches nothing changes nothing', async () => {
    await expect(svc.undo('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
    await seedMix();
    const r = await svc.recycle(req(listId, ['dnc', 'voicemail']));
    expect(r.changed).toBe(0);
    expect(await svc.lastUndoable(listId)).toBeNull();
  });

  it('recycles and undoes 5,000 leads in batches, atomically', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      list_id: listId,
      phone: `+1555${String(i).padStart(7, '0')}`,
      status: i % 2 ? 'no_answer' : 'busy',
      dial_attempts: i % 7,
      last_status_change: at(9),
    }));
    for (let i = 0; i < rows.length; i += 1000) await h.db.insertInto('leads').values(rows.slice(i, i + 1000)).execute();
    const before = await snapshot(h, listId);
    const phases: string[] = [];
    const r = await svc.recycle(req(listId, ['no_answer', 'busy'], { resetDialCount: true }), (p) => phases.push(`${p.done}/${p.total}`));
    expect(r.changed).toBe(5000);
    expect(phases).toContain('2000/5000');
    expect((await svc.preview(req(listId, ['no_answer', 'busy']))).will_change).toBe(0);
    await svc.undo(r.operation_id);
    expect(await snapshot(h, listId)).toEqual(before);
  });
});
