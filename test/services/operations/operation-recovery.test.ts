// Interrupted operations (issue 19, item 4): a `running` operation whose process died (no live
// lease) is marked `interrupted` when a console or a CLI run starts; its committed part undoes like
// any operation's, and a fix run again finishes the work under a new operation.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { beforeEach, expect, it } from 'vitest';
import { AppRuntime } from '../../../main/app/app-runtime';
import { openDatabase } from '../../../main/db/open-database';
import { fixedClock } from '../../../main/db/time';
import { createServices, type Services } from '../../../main/services/create-services';
import { beginOperation, lastUndoableOperation } from '../../../main/services/operations/operation-log';
import { leaseKey, THIS_PROCESS } from '../../../main/services/operations/operation-leases';
import { markInterruptedOperations } from '../../../main/services/operations/operation-recovery';
import { createTestTarget, describeEachDialect } from '../../support/databases';
import { at, makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { snapshotTables } from '../../support/table-snapshot';

/** A process id that no process has now: one that has just exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describeEachDialect('operations left running by a dead process', ({ h, dialect }) => {
  let services: Services;
  let listId: number;
  beforeEach(async () => {
    services = createServices(h, fixedClock(at(23)));
    listId = await makeList(h, await makeCampaign(h, 'A'));
  });

  /** Eight leads with a problem each (a fix changes every one), in id order. */
  async function problemLeads(): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const id = await makeLead(h, listId, { status: i % 2 ? null : 'new' });
      if (i % 2 === 0) await makeCall(h, id, at(10), 'voicemail');
      ids.push(id);
    }
    return ids;
  }

  /** A fix whose process died after its first two ranges: its row still `running`, its lease `holder`'s. */
  async function killedFix(holder: string | null): Promise<string> {
    let ranges = 0;
    const report = await services.status.findAndFix({ mode: 'fix', listId, batchSize: 2, shouldStop: () => ranges++ >= 2 });
    expect(report.fixed).toBe(4);
    const id = report.operation_id!;
    await h.db.updateTable('operations').set({ state: 'running', finished_at: null, summary: null }).where('id', '=', id).execute();
    if (holder) await h.db.insertInto('job_leases').values({ job: leaseKey(id), holder, run_id: null, acquired_at: new Date().toISOString(), expires_at: inAnHour() }).execute();
    return id;
  }

  const stateOf = async (id: string) => (await h.db.selectFrom('operations').select(['state', 'summary']).where('id', '=', id).executeTakeFirstOrThrow());
  const leadsNow = async () => (await snapshotTables(h)).leads;

  it('marks the fix interrupted; its undo restores exactly the four leads it changed', async () => {
    const ids = await problemLeads();
    const before = await leadsNow();
    const id = await killedFix(`${os.hostname()}#${deadPid()}`);
    const killed = await leadsNow();
    // The first two ranges (four leads) were fixed and committed; the rest untouched.
    expect(killed.filter((l, i) => JSON.stringify(l) !== JSON.stringify(before[i])).map((l) => l.id)).toEqual(ids.slice(0, 4));
    await expect(services.recycling.undo(id)).rejects.toThrow(/still running/);

    expect(await markInterruptedOperations(h.db)).toEqual([id]);
    const row = await stateOf(id);
    expect(row.state).toBe('interrupted');
    expect(JSON.parse(row.summary!)).toEqual({ interrupted: true, changed: 4 });
    expect(await h.db.selectFrom('job_leases').select('job').where('job', '=', leaseKey(id)).execute()).toEqual([]);
    // The newest undoable operation of the list, as a finished one would be.
    expect((await lastUndoableOperation(h.db, listId))?.id).toBe(id);

    const undo = await services.recycling.undo(id);
    expect(undo.changed).toBe(4);
    // Status and last change as before the fix; the dial tracking it rebuilt from the calls stays
    // (docs/domain.md, "Undo"); the leads it never reached are as the kill left them.
    expect(await leadsNow()).toEqual(killed.map((l, i) => ({ ...l, status: before[i].status, last_status_change: before[i].last_status_change })));
    expect((await stateOf(id)).state).toBe('undone');
  });

  it('a fix run again finishes the work under a new operation, ending as one uninterrupted fix', async () => {
    await problemLeads();
    const reference = await (async () => {
      const other = await openDatabase(await createTestTarget(dialect));
      try {
        const list = await makeList(other, await makeCampaign(other, 'A'));
        for (let i = 0; i < 8; i++) {
          const id = await makeLead(other, list, { status: i % 2 ? null : 'new' });
          if (i % 2 === 0) await makeCall(other, id, at(10), 'voicemail');
        }
        await createServices(other, fixedClock(at(23))).status.findAndFix({ mode: 'fix', listId: list });
        return (await snapshotTables(other)).leads;
      } finally {
        await other.close();
      }
    })();
    const id = await killedFix(null);
    expect(await markInterruptedOperations(h.db)).toEqual([id]);
    const rerun = await services.status.findAndFix({ mode: 'fix', listId });
    expect(rerun.fixed).toBe(4);
    expect(rerun.operation_id).not.toBe(id);
    // Ids, phones (the fixtures number them) and creation times differ between the two databases.
    const strip = (leads: Record<string, unknown>[]) => leads.map(({ id: _id, list_id: _l, created_at: _c, phone: _p, phone_key: _k, ...l }) => l);
    expect(strip(await leadsNow())).toEqual(strip(reference));
    const states = await h.db.selectFrom('operations').select(['id', 'state']).orderBy('started_at').execute();
    expect(states).toEqual([
      { id, state: 'interrupted' },
      { id: rerun.operation_id, state: 'done' },
    ]);
  });

  it('leaves alone what a live process runs: this one, or another machine within its lease', async () => {
    const mine = '00000000-0000-4000-8000-000000000001';
    await beginOperation(h.db, { id: mine, kind: 'fix', listId, campaignId: null, params: {}, startedAt: at(23) });
    await problemLeads();
    const elsewhere = await killedFix('another-host#12345');
    expect(await markInterruptedOperations(h.db)).toEqual([]);
    expect((await stateOf(mine)).state).toBe('running');
    expect((await stateOf(elsewhere)).state).toBe('running');
    expect((await h.db.selectFrom('job_leases').select('holder').where('job', '=', leaseKey(mine)).executeTakeFirstOrThrow()).holder).toBe(THIS_PROCESS);

    // The other machine's lease lapses: it stopped renewing, so it died.
    await h.db.updateTable('job_leases').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('job', '=', leaseKey(elsewhere)).execute();
    expect(await markInterruptedOperations(h.db)).toEqual([elsewhere]);
    expect((await stateOf(mine)).state).toBe('running');
  });

  it('a console starting on the database marks them before anything else', async () => {
    const target = await createTestTarget(dialect);
    const other = await openDatabase(target);
    let id: string;
    try {
      const list = await makeList(other, await makeCampaign(other, 'A'));
      id = '00000000-0000-4000-8000-000000000002';
      await other.db.insertInto('operations').values({ id, kind: 'fix', list_id: list, campaign_id: null, state: 'running', params: '{}', summary: null, undoes: null, started_at: at(22), finished_at: null }).execute();
    } finally {
      await other.close();
    }
    const runtime = new AppRuntime({ shell: 'browser', version: 'test', jobs: false });
    try {
      await runtime.useDatabase(target);
    } finally {
      await runtime.stop();
    }
    const check = await openDatabase(target);
    try {
      expect((await check.db.selectFrom('operations').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('interrupted');
    } finally {
      await check.close();
    }
  });
});
