import { beforeAll, beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { StatusService } from '../../../main/services/status/status-service';
import { describeEachDialect } from '../../support/databases';
import { at, getLead, makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';

describeEachDialect('applying calls to leads', ({ h }) => {
  let svc: StatusService;
  let campaignId: number;
  let listId: number;
  beforeAll(async () => {
    svc = new StatusService(h, fixedClock(at(23)));
  });
  beforeEach(async () => {
    campaignId = await makeCampaign(h);
    listId = await makeList(h, campaignId);
  });

  const audits = (leadId: number) =>
    h.db.selectFrom('lead_status_audit').selectAll().where('lead_id', '=', leadId).orderBy('id').execute();

  it('updates attempts, last dial, result, answered count and status, with one audit row', async () => {
    const id = await makeLead(h, listId);
    await svc.recordCall({ call_uuid: 'c1', lead_id: id, started_at: at(10), result: 'contacted' });
    const lead = await getLead(h.db, id);
    expect(lead).toMatchObject({ status: 'contacted', dial_attempts: 1, answered_count: 1, last_dial_attempt: at(10), dial_result: 'contacted', last_status_change: at(10) });
    const rows = await audits(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ old_status: 'new', new_status: 'contacted', source: 'call' });
    const call = await h.db.selectFrom('call_logs').selectAll().where('call_uuid', '=', 'c1').executeTakeFirstOrThrow();
    expect(call.lead_synced_at).toBe(at(23));
  });

  it('is idempotent per call_uuid', async () => {
    const id = await makeLead(h, listId);
    const first = await svc.recordCall({ call_uuid: 'c1', lead_id: id, started_at: at(10), result: 'NA' });
    const second = await svc.recordCall({ call_uuid: 'c1', lead_id: id, started_at: at(10), result: 'NA' });
    expect(first).toMatchObject({ new_call: true, applied: 1 });
    expect(second).toMatchObject({ new_call: false, applied: 0 });
    expect((await getLead(h.db, id)).dial_attempts).toBe(1);
    expect(await audits(id)).toHaveLength(1);
  });

  it('takes the result of the newest call when calls arrive out of order', async () => {
    const id = await makeLead(h, listId);
    await svc.recordCall({ call_uuid: 'late', lead_id: id, started_at: at(12), result: 'busy' });
    await svc.recordCall({ call_uuid: 'early', lead_id: id, started_at: at(9), result: 'voicemail' });
    const lead = await getLead(h.db, id);
    expect(lead).toMatchObject({ status: 'busy', dial_result: 'busy', dial_attempts: 2, last_dial_attempt: at(12) });
  });

  it('does not let a call that started before a recycle move the status', async () => {
    const id = await makeLead(h, listId, { status: 'new', dial_attempts: 2, last_dial_attempt: at(8), last_status_change: at(11) });
    await svc.recordCall({ call_uuid: 'c', lead_id: id, started_at: at(10), result: 'no_answer' });
    const lead = await getLead(h.db, id);
    expect(lead).toMatchObject({ status: 'new', dial_attempts: 3, last_dial_attempt: at(10), dial_result: 'no_answer' });
  });

  it('never moves a final status except to dnc, and never moves dnc; the attempt still counts', async () => {
    const sale = await makeLead(h, listId, { status: 'sale', dial_attempts: 1, last_dial_attempt: at(8), last_status_change: at(8) });
    await svc.recordCall({ call_uuid: 's1', lead_id: sale, started_at: at(9), result: 'no_answer' });
    expect(await getLead(h.db, sale)).toMatchObject({ status: 'sale', dial_attempts: 2, dial_result: 'no_answer' });
    await svc.recordCall({ call_uuid: 's2', lead_id: sale, started_at: at(10), result: 'DNC' });
    expect((await getLead(h.db, sale)).status).toBe('dnc');
    await svc.recordCall({ call_uuid: 's3', lead_id: sale, started_at: at(11), result: 'sale' });
    expect(await getLead(h.db, sale)).toMatchObject({ status: 'dnc', dial_attempts: 4 });
  });

  it('records a compliance incident for a call to a dnc lead or a DNC phone', async () => {
    const dncLead = await makeLead(h, listId, { status: 'dnc' });
    const dncPhone = await makeLead(h, listId, { phone: '+1 (305) 555-0199' });
    await h.db.insertInto('dnc_numbers').values({ phone: '+13055550199' }).execute();
    await svc.recordCall({ call_uuid: 'x1', lead_id: dncLead, started_at: at(9), result: 'no_answer' });
    await svc.recordCall({ call_uuid: 'x2', lead_id: dncPhone, started_at: at(9), result: 'no_answer' });
    const incidents = await h.db.selectFrom('compliance_incidents').select(['lead_id', 'reason']).orderBy('lead_id').execute();
    expect(incidents).toEqual([
      { lead_id: dncLead, reason: 'dnc_status' },
      { lead_id: dncPhone, reason: 'dnc_phone' },
    ]);
  });

  it('classifies a NULL result from the hangup cause', async () => {
    const id = await makeLead(h, listId);
    await svc.recordCall({ call_uuid: 'h', lead_id: id, started_at: at(9), result: null, hangup_cause: '486' });
    expect((await getLead(h.db, id)).status).toBe('busy');
  });

  it('removes the lead from the hopper when its call is applied', async () => {
    const id = await makeLead(h, listId);
    await h.db.insertInto('dialer_hopper').values({ campaign_id: campaignId, lead_id: id, state: 'dialing' }).execute();
    await svc.recordCall({ call_uuid: 'hp', lead_id: id, started_at: at(9), result: 'busy' });
    expect(await h.db.selectFrom('dialer_hopper').selectAll().execute()).toHaveLength(0);
  });

  it('a sync of older calls takes the lead out of the queue but leaves the row of a call ringing now', async () => {
    const ringing = await makeLead(h, listId);
    const queued = await makeLead(h, listId);
    await h.db.insertInto('dialer_hopper').values([
      { campaign_id: campaignId, lead_id: ringing, state: 'dialing' },
      { campaign_id: campaignId, lead_id: queued, state: 'queued' },
    ]).execute();
    await makeCall(h, ringing, at(8), 'no_answer');
    await makeCall(h, queued, at(8), 'no_answer');
    expect(await svc.syncCalls()).toMatchObject({ applied: 2 });
    const left = await h.db.selectFrom('dialer_hopper').select(['lead_id', 'state']).execute();
    expect(left).toEqual([{ lead_id: ringing, state: 'dialing' }]);
    // The ringing call's own result removes it.
    await svc.recordCall({ call_uuid: 'ringing-now', lead_id: ringing, started_at: at(9), result: 'busy' });
    expect(await h.db.selectFrom('dialer_hopper').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a call for a lead that does not exist, and a call_uuid reused for another lead', async () => {
    const id = await makeLead(h, listId);
    await expect(svc.recordCall({ call_uuid: 'z', lead_id: 999999, started_at: at(9), result: 'busy' })).rejects.toThrow(/does not exist/);
    await svc.recordCall({ call_uuid: 'z', lead_id: id, started_at: at(9), result: 'busy' });
    const other = await makeLead(h, listId);
    await expect(svc.recordCall({ call_uuid: 'z', lead_id: other, started_at: at(9), result: 'busy' })).rejects.toThrow(/already recorded/);
    expect(await h.db.selectFrom('call_logs').selectAll().execute()).toHaveLength(1);
  });

  it('syncs every unapplied call oldest first, in batches, and a second sync applies nothing', async () => {
    const a = await makeLead(h, listId);
    const b = await makeLead(h, listId, { status: null, dial_attempts: 0 });
    for (let i = 0; i < 7; i++) await makeCall(h, a, at(8 + i), i === 6 ? 'sale' : 'no_answer');
    await makeCall(h, b, at(9), null, { hangup_cause: 'USER_BUSY' });
    await makeCall(h, 424242, at(9), 'busy');
    const first = await svc.syncCalls({ batchSize: 3 });
    expect(first).toMatchObject({ applied: 8, orphaned: 1, remaining: 1 });
    expect(first.batches).toBeGreaterThanOrEqual(3);
    expect(await getLead(h.db, a)).toMatchObject({ status: 'sale', dial_attempts: 7, answered_count: 1, last_dial_attempt: at(14) });
    expect(await getLead(h.db, b)).toMatchObject({ status: 'busy', dial_attempts: 1 });
    const rows = await audits(a);
    expect(rows.map((r) => r.source)).toEqual(['sync', 'sync']);
    const second = await svc.syncCalls();
    expect(second.applied).toBe(0);
    expect((await getLead(h.db, a)).dial_attempts).toBe(7);
  });
});
