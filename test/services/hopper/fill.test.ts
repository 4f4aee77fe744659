import { beforeEach, expect, it } from 'vitest';
import { createServices } from '../../../main/services/create-services';
import { fixedClock } from '../../../main/db/time';
import { seededRandom, pick } from '../../../main/demo/random';
import { HOPPER_PRIORITY } from '../../../shared/types/hopper';
import { describeEachDialect } from '../../support/databases';
import { getLead, makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, addDnc, hopperAt, hopperLeadIds, hopperRows, minutesBefore, queueRow } from '../../support/hopper-fixtures';

describeEachDialect('hopper fill, claim, dial results, cleanup, explain', ({ h, dialect }) => {
  let campaign: number;
  let list: number;
  beforeEach(async () => {
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', hopper_target: 20 });
    list = await makeList(h, campaign);
  });

  async function manyLeads(n: number, seed: Parameters<typeof makeLead>[2] = {}) {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(await makeLead(h, list, seed));
    return ids;
  }

  it('fill reaches exactly the target, counts only queued rows, and never queues a lead twice', async () => {
    await manyLeads(30);
    const hopper = hopperAt(h);
    expect(await hopper.fill(campaign)).toMatchObject({ added: 20, queued_after: 20, target: 20 });
    expect(await hopper.fill(campaign)).toMatchObject({ added: 0, queued_after: 20 });
    const claimed = await hopper.claim(campaign, 5);
    expect(claimed).toHaveLength(5);
    expect(await hopper.fill(campaign)).toMatchObject({ added: 5, queued_after: 20 });
    expect(await hopper.fill(campaign, { target: 50 })).toMatchObject({ added: 5, queued_after: 25 });
    const rows = await hopperRows(h);
    expect(new Set(rows.map((r) => r.lead_id)).size).toBe(30);
    const stats = await hopper.stats(campaign);
    expect(stats).toMatchObject({ queued: 25, dialing: 5, target: 20, eligible_now: 0 });
    expect(stats.by_status).toEqual([{ status: 'new', count: 30 }]);
  });

  it('fill with statuses takes only those statuses (the recycle_failed_calls job)', async () => {
    const old = { dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) };
    await manyLeads(3);
    const busy = await makeLead(h, list, { status: 'busy', ...old });
    const failed = await makeLead(h, list, { status: 'failed', ...old });
    const r = await hopperAt(h).fill(campaign, { statuses: ['failed', 'congestion', 'busy', 'no_answer', 'voicemail'] });
    expect(r.added).toBe(2);
    expect((await hopperRows(h)).map((x) => x.lead_id).sort()).toEqual([busy, failed].sort());
  });

  it('a campaign with more (list, status) streams than one statement reads keeps hopper order across statements', async () => {
    // 70 lists × 6 statuses other than dropped = 420 streams per tier, over the 400 of one statement.
    const lists = [list];
    for (let i = 1; i < 70; i++) lists.push(await makeList(h, campaign, `List ${i}`));
    const statuses = ['no_answer', 'busy', 'failed', 'congestion', 'voicemail'];
    const dialed: { id: number; at: string }[] = [];
    for (let i = 0; i < lists.length; i++) {
      // A permutation of dial times over the lists (the oldest in late lists), with ties every 10 lists.
      const at = minutesBefore(NOON, 600 + ((i * 37) % 60) * 10);
      dialed.push({ id: await makeLead(h, lists[i], { status: statuses[i % statuses.length], dial_attempts: 1, last_dial_attempt: at }), at });
    }
    const fresh = await makeLead(h, lists[69]);
    await hopperAt(h).fill(campaign, { target: 25 });
    dialed.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id - b.id));
    expect(await hopperLeadIds(h)).toEqual([fresh, ...dialed.slice(0, 24).map((d) => d.id)]);
  });

  it('claim marks rows dialing with claimed_at, by priority then age, and skips a lead called outside its hours', async () => {
    const [a, b] = await manyLeads(2);
    const tokyo = await makeLead(h, list, { timezone: 'Asia/Tokyo' });
    await queueRow(h, campaign, tokyo, { priority: 50 });
    await queueRow(h, campaign, b, { added_at: minutesBefore(NOON, 10) });
    await queueRow(h, campaign, a, { added_at: minutesBefore(NOON, 5) });
    const claimed = await hopperAt(h).claim(campaign, 5);
    expect(claimed.map((c) => c.lead_id)).toEqual([b, a]);
    expect(claimed[0]).toMatchObject({ claimed_at: NOON, campaign_id: campaign, status: 'new' });
    const rows = await hopperRows(h);
    expect(rows.find((r) => r.lead_id === tokyo)).toMatchObject({ state: 'queued', claimed_at: null });
    expect(rows.filter((r) => r.state === 'dialing').map((r) => r.claimed_at)).toEqual([NOON, NOON]);
    expect(await hopperAt(h).claim(campaign, 5)).toEqual([]);
  });

  it('a dial result is applied to the lead, removes the hopper row, and is idempotent per call uuid', async () => {
    const [lead] = await manyLeads(1);
    const hopper = hopperAt(h);
    await hopper.fill(campaign);
    await hopper.claim(campaign, 1);
    const call = { call_uuid: 'c-1', lead_id: lead, started_at: minutesBefore(NOON, 1), result: 'SALE' };
    const first = await hopper.recordDialAttempt(call);
    expect(first).toMatchObject({ new_call: true, applied: true, status: 'sale', status_changed: true, requeued: false });
    const second = await hopper.recordDialAttempt(call);
    expect(second).toMatchObject({ new_call: false, applied: false, status: 'sale', status_changed: false });
    expect(await getLead(h.db, lead)).toMatchObject({ status: 'sale', dial_attempts: 1, answered_count: 1, dial_result: 'sale' });
    expect(await hopperRows(h)).toEqual([]);
    const audit = await h.db.selectFrom('lead_status_audit').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ lead_id: lead, old_status: 'new', new_status: 'sale', source: 'call' });
    const log = await h.db.selectFrom('call_logs').selectAll().execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ campaign_id: campaign, result: 'SALE' });
    expect(log[0].lead_synced_at).not.toBeNull();
  });

  it('a dropped result puts the lead straight back at high priority; a DNC phone is not re-queued', async () => {
    const [lead, dncLead] = await manyLeads(2);
    await h.db.updateTable('leads').set({ phone: '+1 305 555 0100' }).where('id', '=', dncLead).execute();
    await addDnc(h, '+13055550100');
    const hopper = hopperAt(h);
    await queueRow(h, campaign, lead, { state: 'dialing', claimed_at: NOON });
    const r = await hopper.recordDialAttempt({ call_uuid: 'd-1', lead_id: lead, started_at: minutesBefore(NOON, 1), result: null, hangup_cause: null });
    expect(r).toMatchObject({ status: 'failed', requeued: false });
    const dropped = await hopper.recordDialAttempt({ call_uuid: 'd-2', lead_id: lead, started_at: NOON, result: 'PDROP' });
    expect(dropped).toMatchObject({ status: 'dropped', requeued: true });
    expect(await hopperRows(h)).toMatchObject([{ lead_id: lead, state: 'queued', priority: HOPPER_PRIORITY.high, claimed_at: null }]);
    const viaDnc = await hopper.recordDialAttempt({ call_uuid: 'd-3', lead_id: dncLead, started_at: NOON, result: 'DROP' });
    expect(viaDnc).toMatchObject({ status: 'dropped', requeued: false, compliance_incidents: 1 });
    // The same path through the status service (sync of calls the dialer wrote itself).
    await h.db.deleteFrom('dialer_hopper').execute();
    await h.db.insertInto('call_logs').values({ call_uuid: 'd-4', lead_id: lead, started_at: NOON, result: 'DROP' }).execute();
    await createServices(h, fixedClock(NOON)).status.syncCalls();
    expect(await hopperRows(h)).toMatchObject([{ lead_id: lead, priority: HOPPER_PRIORITY.high }]);
  });

  it('requeueDroppedAll puts every eligible dropped lead back, beyond the target', async () => {
    await h.db.updateTable('campaigns').set({ hopper_target: 1 }).where('id', '=', campaign).execute();
    const old = { status: 'dropped', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 60) };
    const dropped = [await makeLead(h, list, old), await makeLead(h, list, old), await makeLead(h, list, old)];
    await makeLead(h, list, { ...old, dial_attempts: 10 });
    await manyLeads(2);
    const [r] = await hopperAt(h).requeueDroppedAll();
    expect(r).toMatchObject({ campaign_id: campaign, added: 3, added_high_priority: 3, queued_after: 3 });
    expect((await hopperRows(h)).map((x) => x.lead_id)).toEqual(dropped);
    expect((await hopperAt(h).requeueDroppedAll())[0].added).toBe(0);
  });

  it('cleanup removes stale rows and says why; timing alone never makes a row stale', async () => {
    const ids = await manyLeads(8);
    const [dialingOld, dialingNew, sale, dnc, offList, tokyo, waiting, fine] = ids;
    await queueRow(h, campaign, dialingOld, { state: 'dialing', claimed_at: minutesBefore(NOON, 16) });
    await queueRow(h, campaign, dialingNew, { state: 'dialing', claimed_at: minutesBefore(NOON, 14) });
    for (const id of [sale, dnc, offList, tokyo, waiting, fine]) await queueRow(h, campaign, id);
    await h.db.updateTable('leads').set({ status: 'sale' }).where('id', '=', sale).execute();
    await h.db.updateTable('leads').set({ phone: '212.555.0177' }).where('id', '=', dnc).execute();
    await addDnc(h, '2125550177');
    const off = await makeList(h, campaign, 'Off', false);
    await h.db.updateTable('leads').set({ list_id: off }).where('id', '=', offList).execute();
    await h.db.updateTable('leads').set({ timezone: 'Asia/Tokyo' }).where('id', '=', tokyo).execute();
    await h.db.updateTable('leads').set({ status: 'no_answer', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 5) }).where('id', '=', waiting).execute();
    const r = await hopperAt(h).cleanupStale();
    expect(r).toEqual({ removed: 4, by_reason: { dialing_timeout: 1, final_status: 1, dnc_phone: 1, list_inactive: 1 } });
    expect((await hopperRows(h)).map((x) => x.lead_id).sort((a, b) => a - b)).toEqual([dialingNew, tokyo, waiting, fine].sort((a, b) => a - b));
    expect(await hopperAt(h, NOON, 10).cleanupStale()).toEqual({ removed: 1, by_reason: { dialing_timeout: 1 } });
    await h.db.updateTable('campaigns').set({ active: h.dialect.bool(false) }).where('id', '=', campaign).execute();
    expect(await hopperAt(h).cleanupStale()).toEqual({ removed: 3, by_reason: { campaign_inactive: 3 } });
  });

  it('explain accounts for every lead, and agrees with fill and stats on a random mix', async () => {
    const rand = seededRandom(7);
    const off = await makeList(h, campaign, 'Off', false);
    await addDnc(h, '+1 (999) 555-0001');
    const statuses = ['new', 'new', 'no_answer', 'busy', 'dropped', 'sale', 'dnc', 'callback', null, 'NA', 'XFER', 'voicemail'];
    const zones = [null, null, 'America/New_York', 'Asia/Tokyo', 'Europe/Paris', 'Bad/Zone', ''];
    for (let i = 0; i < 150; i++) {
      const status = pick(rand, statuses);
      const dialed = status !== 'new' || rand() < 0.3;
      const id = await makeLead(h, rand() < 0.1 ? off : list, {
        status,
        timezone: pick(rand, zones),
        phone: rand() < 0.1 ? '+19995550001' : undefined,
        dial_attempts: dialed ? 1 + Math.floor(rand() * 11) : 0,
        last_dial_attempt: dialed ? minutesBefore(NOON, Math.floor(rand() * 600)) : null,
      });
      if (rand() < 0.05) await queueRow(h, campaign, id);
    }
    const hopper = hopperAt(h);
    const e = await hopper.explain(campaign);
    expect(e.total_leads).toBe(150);
    expect(e.eligible_now + e.excluded.reduce((s, x) => s + x.count, 0)).toBe(150);
    expect((e.timezones ?? []).reduce((s, z) => s + z.leads, 0)).toBe(150);
    expect(e.excluded.filter((x) => x.count > 0).length).toBeGreaterThanOrEqual(8);
    expect((await hopper.stats(campaign)).eligible_now).toBe(e.eligible_now);
    const queued = (x: typeof e) => x.excluded.find((r) => r.rule === 'already_queued')!.count;
    const fill = await hopper.fill(campaign, { target: 10_000 });
    expect(fill.added).toBe(e.eligible_now);
    const after = await hopper.explain(campaign);
    expect(after.eligible_now).toBe(0);
    expect(queued(after)).toBe(queued(e) + fill.added);
  });
});
