import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { createServices } from '../../../main/services/create-services';
import { workstationUser } from '../../../main/services/lead-lookup/manual-actions';
import { describeEachDialect } from '../../support/databases';
import { at, getLead, makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { snapshotTables } from '../../support/table-snapshot';

const NOW = '2026-11-24T15:00:00.000Z';

describeEachDialect('status words a person resolves', ({ h }) => {
  let list: number;
  let other: number;
  beforeEach(async () => {
    const campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC' });
    list = await makeList(h, campaign, 'A');
    other = await makeList(h, campaign, 'B');
  });
  const s = () => createServices(h, fixedClock(NOW));
  const statusesOf = async () => (await h.db.selectFrom('leads').select(['id', 'status']).orderBy('id').execute()).map((r) => r.status);

  it('moves exactly the leads of the word (trimmed, case ignored) in one list, as one undoable operation', async () => {
    const a = await makeLead(h, list, { status: 'XFER', dial_attempts: 2, last_status_change: at(9) });
    const b = await makeLead(h, list, { status: ' xfer ' });
    await makeLead(h, list, { status: 'XFERRED' });
    await makeLead(h, list, { status: 'busy' });
    await makeLead(h, other, { status: 'XFER' });
    const before = await statusesOf();

    const dry = await s().statusWords.map({ from: 'Xfer', to: 'contacted', listId: list, dryRun: true });
    expect(dry).toMatchObject({ changed: 2, operation_id: null, alias_saved: false, dry_run: true });
    expect(dry.words).toEqual([{ status: ' xfer ', count: 1 }, { status: 'XFER', count: 1 }]);
    expect(await statusesOf()).toEqual(before);

    const r = await s().statusWords.map({ from: 'XFER', to: 'contacted', listId: list });
    expect(r).toMatchObject({ from: 'xfer', to: 'contacted', list_id: list, changed: 2, alias_saved: false });
    expect(await statusesOf()).toEqual(['contacted', 'contacted', 'XFERRED', 'busy', 'XFER']);
    expect(await getLead(h.db, a)).toMatchObject({ last_status_change: NOW, dial_attempts: 2 });
    const audit = await h.db.selectFrom('lead_status_audit').selectAll().orderBy('lead_id').execute();
    expect(audit.map((x) => [x.lead_id, x.old_status, x.new_status, x.source, x.operation_id, x.reason, x.changed_by])).toEqual([
      [a, 'XFER', 'contacted', 'manual', r.operation_id, 'mapped "xfer" to contacted', workstationUser()],
      [b, ' xfer ', 'contacted', 'manual', r.operation_id, 'mapped "xfer" to contacted', workstationUser()],
    ]);
    expect(await s().recycling.lastUndoable(list)).toMatchObject({ operation_id: r.operation_id, kind: 'map', changed: 2, undoable: true });

    const undo = await s().recycling.undo(r.operation_id!);
    expect(undo.changed).toBe(2);
    expect(await statusesOf()).toEqual(before);
    expect(await getLead(h.db, a)).toMatchObject({ last_status_change: at(9) });
  });

  it('every list at once; a lead changed since blocks the undo', async () => {
    await makeLead(h, list, { status: 'Q' });
    const moved = await makeLead(h, other, { status: 'q' });
    const r = await s().statusWords.map({ from: 'q', to: 'no_answer' });
    expect(r).toMatchObject({ list_id: null, changed: 2 });
    await s().hopper.recordDialAttempt({ call_uuid: 'later', lead_id: moved, started_at: '2026-11-24T16:00:00.000Z', result: 'SALE' });
    await expect(s().recycling.undo(r.operation_id!)).rejects.toThrow(/Cannot undo: 1 of the 2 leads it changed have changed since.*Nothing was changed/);
  });

  it('refuses built-in words, blank words, non-catalogue targets and unknown lists; nothing half-applied', async () => {
    await makeLead(h, list, { status: 'NA' });
    const before = await snapshotTables(h);
    await expect(s().statusWords.map({ from: 'na', to: 'busy' })).rejects.toThrow(/built-in alias of no_answer; built-in words cannot be changed/);
    await expect(s().statusWords.map({ from: 'Sale', to: 'busy' })).rejects.toThrow(/a catalogue status/);
    await expect(s().statusWords.map({ from: '  ', to: 'busy' })).rejects.toThrow(/blank status/);
    await expect(s().statusWords.map({ from: 'XFER', to: 'transferred' as never })).rejects.toThrow(/catalogue status/);
    await expect(s().statusWords.map({ from: 'XFER', to: 'busy', listId: 999 })).rejects.toThrow('List 999 does not exist.');
    await expect(s().statusWords.removeAlias('NA')).rejects.toThrow(/built-in/);
    await expect(s().statusWords.removeAlias('zzz')).rejects.toThrow(/not a saved alias/);
    expect(await snapshotTables(h)).toEqual(before);
  });

  it('a saved alias applies to the next sync, fix and breakdown; removing it changes no lead', async () => {
    // Before the alias: an XFER call reads by its hangup cause (none: failed).
    const early = await makeLead(h, list, { status: 'new' });
    await makeCall(h, early, at(10), 'XFER');
    await s().status.syncCalls();
    expect(await getLead(h.db, early)).toMatchObject({ status: 'failed', answered_count: 0 });

    const mapped = await s().statusWords.map({ from: 'XFER', to: 'contacted', listId: other, saveAlias: true });
    expect(mapped).toMatchObject({ changed: 0, alias_saved: true });
    expect((await s().statusWords.aliases()).find((x) => x.word === 'xfer')).toEqual(expect.objectContaining({ status: 'contacted', built_in: false, created_by: workstationUser() }));

    // The next sync reads XFER as contacted (answered); so does a live dial result.
    const synced = await makeLead(h, list, { status: 'new' });
    await makeCall(h, synced, at(11), ' xfer ');
    await s().status.syncCalls();
    expect(await getLead(h.db, synced)).toMatchObject({ status: 'contacted', answered_count: 1, dial_result: 'contacted' });
    const live = await makeLead(h, list);
    await s().hopper.recordDialAttempt({ call_uuid: 'live', lead_id: live, started_at: at(12), result: 'XFER' });
    expect(await getLead(h.db, live)).toMatchObject({ status: 'contacted', answered_count: 1 });

    // The fix writes a stored XFER as contacted, where before it was "unknown, not fixable".
    const stored = await makeLead(h, list, { status: 'XFER' });
    expect((await s().status.breakdown(list)).statuses.find((x) => x.status === 'XFER')).toMatchObject({ category: 'problematic', saved_alias: 'contacted' });
    const report = await s().status.findAndFix({ mode: 'fix' });
    expect(report).toMatchObject({ not_fixable: 0 });
    expect(await getLead(h.db, stored)).toMatchObject({ status: 'contacted' });

    await makeLead(h, list, { status: 'XFER' });
    const before = await statusesOf();
    await s().statusWords.removeAlias(' XFER ');
    expect(await statusesOf()).toEqual(before);
    expect((await s().status.findAndFix({ mode: 'report' })).not_fixable).toBe(1);
  });
});
