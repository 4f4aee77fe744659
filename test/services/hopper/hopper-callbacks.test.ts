import { fixedClock } from '../../../main/db/time';
import { createDialPath } from '../../../main/services/create-services';
// Callbacks in the hopper (domain.md "Callbacks"): a due `anyone` callback makes its lead eligible
// whatever its status, delay and attempts, right after dropped leads, but never when final, on
// DNC, outside the window or in an inactive list; agent callbacks wait for the hand-over; a call
// closes the lead's due callbacks and a final status cancels the rest.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOPPER_PRIORITY, type ExclusionRule, type HopperExplain } from '../../../shared/types/hopper';
import { describeEachDialect } from '../../support/databases';
import { makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { callbackState, makeCallback } from '../../support/callback-fixtures';
import { NOON, addDnc, hopperAt, hopperLeadIds, hopperRows, minutesBefore, queueRow } from '../../support/hopper-fixtures';

const countOf = (e: HopperExplain, rule: ExclusionRule) => e.excluded.find((x) => x.rule === rule)!.count;

describeEachDialect('hopper and callbacks', ({ h }) => {
  let campaign: number;
  let list: number;
  beforeEach(async () => {
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', max_dial_attempts: 3 });
    list = await makeList(h, campaign);
  });
  const capped = { status: 'no_answer', dial_attempts: 3, last_dial_attempt: minutesBefore(NOON, 10) };

  it('a due anyone callback for a no_answer lead at its attempt cap is queued right after dropped leads', async () => {
    const fresh = await makeLead(h, list);
    const atCap = await makeLead(h, list, capped);
    const dropped = await makeLead(h, list, { status: 'dropped', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 60) });
    const later = await makeLead(h, list, { status: 'callback', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 5) });
    await makeCallback(h, atCap, minutesBefore(NOON, 1));
    await makeCallback(h, later, minutesBefore(NOON, 30));
    const hopper = hopperAt(h);
    const e = await hopper.explain(campaign);
    expect([e.eligible_now, e.due_callbacks, countOf(e, 'attempt_cap')]).toEqual([4, 2, 0]);
    expect((await hopper.stats(campaign)).eligible_now).toBe(4);
    await hopper.fill(campaign);
    // Earliest due first among the callbacks.
    expect(await hopperLeadIds(h)).toEqual([dropped, later, atCap, fresh]);
    expect((await hopperRows(h)).map((r) => r.priority)).toEqual([HOPPER_PRIORITY.high, HOPPER_PRIORITY.callback, HOPPER_PRIORITY.callback, HOPPER_PRIORITY.normal]);
    // The dialer claims in the same order.
    expect((await hopper.claim(campaign, 4)).map((c) => c.lead_id)).toEqual([dropped, later, atCap, fresh]);
  });

  const never: [string, ExclusionRule, (lead: number) => Promise<void>, Parameters<typeof makeLead>[2]][] = [
    ['final', 'final_status', async () => {}, { status: 'sale', dial_attempts: 1 }],
    ['on DNC', 'dnc_phone', async () => addDnc(h, '+1 212 555 0199'), { ...capped, phone: '+1 (212) 555-0199' }],
    ['outside the window', 'outside_calling_hours', async () => {}, { ...capped, timezone: 'Asia/Tokyo' }],
    ['in an inactive list', 'list_inactive', async (lead) => {
      const off = await makeList(h, campaign, 'Off', false);
      await h.db.updateTable('leads').set({ list_id: off }).where('id', '=', lead).execute();
    }, capped],
  ];
  for (const [name, rule, setup, seed] of never) {
    it(`a due callback never queues a lead ${name}`, async () => {
      const lead = await makeLead(h, list, seed);
      await setup(lead);
      await makeCallback(h, lead, minutesBefore(NOON, 30));
      const e = await hopperAt(h).explain(campaign);
      expect([e.eligible_now, countOf(e, rule)]).toEqual([0, 1]);
      await hopperAt(h).fill(campaign);
      expect(await hopperLeadIds(h)).toEqual([]);
    });
  }

  it('a callback not yet due, done or cancelled changes nothing', async () => {
    const lead = await makeLead(h, list, capped);
    await makeCallback(h, lead, minutesBefore(NOON, -5));
    await makeCallback(h, lead, minutesBefore(NOON, 60), { state: 'done' });
    await makeCallback(h, lead, minutesBefore(NOON, 60), { state: 'cancelled' });
    expect(countOf(await hopperAt(h).explain(campaign), 'attempt_cap')).toBe(1);
    await hopperAt(h).fill(campaign);
    expect(await hopperLeadIds(h)).toEqual([]);
  });

  it('agent callbacks are never queued until handed over after agent_callback_minutes', async () => {
    const lead = await makeLead(h, list, capped);
    const cb = await makeCallback(h, lead, minutesBefore(NOON, 60), { scope: 'agent', agent: 'maria' });
    await hopperAt(h).fill(campaign);
    expect(await hopperLeadIds(h)).toEqual([]); // 0 minutes: never handed over
    await h.db.updateTable('campaigns').set({ agent_callback_minutes: 90 }).where('id', '=', campaign).execute();
    await hopperAt(h).fill(campaign);
    expect(await hopperLeadIds(h)).toEqual([]); // due 60 minutes ago, hand-over at 90
    expect(await callbackState(h, cb)).toEqual({ state: 'pending', scope: 'agent' });
    await h.db.updateTable('campaigns').set({ agent_callback_minutes: 45 }).where('id', '=', campaign).execute();
    expect((await hopperAt(h).explain(campaign)).due_callbacks).toBe(1);
    await hopperAt(h).fill(campaign);
    expect(await hopperLeadIds(h)).toEqual([lead]);
    expect(await callbackState(h, cb)).toEqual({ state: 'pending', scope: 'anyone' });
  });

  it('a call closes the due callback; a later one stays; a final result cancels it', async () => {
    const lead = await makeLead(h, list, capped);
    const due = await makeCallback(h, lead, minutesBefore(NOON, 30));
    const future = await makeCallback(h, lead, minutesBefore(NOON, -120));
    const hopper = hopperAt(h);
    await hopper.fill(campaign);
    await hopper.recordDialAttempt({ call_uuid: 'cb-1', lead_id: lead, started_at: minutesBefore(NOON, 1), result: 'no_answer' });
    expect([(await callbackState(h, due)).state, (await callbackState(h, future)).state]).toEqual(['done', 'pending']);
    expect(await hopperLeadIds(h)).toEqual([]);
    await hopper.recordDialAttempt({ call_uuid: 'cb-2', lead_id: lead, started_at: NOON, result: 'SALE' });
    expect((await callbackState(h, future)).state).toBe('cancelled');
  });

  it('the sync closes callbacks the same way, for many leads at once', async () => {
    const a = await makeLead(h, list, capped);
    const b = await makeLead(h, list, capped);
    const c = await makeLead(h, list, capped);
    const cbA = await makeCallback(h, a, minutesBefore(NOON, 30));
    const cbB = await makeCallback(h, b, minutesBefore(NOON, -30));
    const cbC = await makeCallback(h, c, minutesBefore(NOON, -30));
    await makeCall(h, a, minutesBefore(NOON, 2), 'busy');
    await makeCall(h, b, minutesBefore(NOON, 2), 'not_interested');
    await makeCall(h, c, minutesBefore(NOON, 2), 'busy');
    await createDialPath(h, fixedClock(NOON)).status.syncCalls();
    expect([(await callbackState(h, cbA)).state, (await callbackState(h, cbB)).state, (await callbackState(h, cbC)).state]).toEqual(['done', 'cancelled', 'pending']);
  });

  it('cleanup keeps a queued lead its due callback makes eligible', async () => {
    const lead = await makeLead(h, list, { ...capped, status: 'contacted' });
    await makeCallback(h, lead, minutesBefore(NOON, 30));
    await queueRow(h, campaign, lead);
    expect((await hopperAt(h).cleanupStale()).removed).toBe(0);
    await h.db.updateTable('leads').set({ status: 'sale' }).where('id', '=', lead).execute();
    expect(await hopperAt(h).cleanupStale()).toEqual({ removed: 1, by_reason: { final_status: 1 } });
  });
});
