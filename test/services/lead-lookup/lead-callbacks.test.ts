// Issue 17 meets issue 15: the lead's story reads its callbacks from the callbacks table, its
// eligibility says when a callback or a recycle rule's delay makes it dialable, and the Lead
// screen's "schedule a callback" and "set status" follow domain.md "Callbacks".
import { expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { createServices } from '../../../main/services/create-services';
import { workstationUser } from '../../../main/services/lead-lookup/manual-actions';
import { callbackState, makeCallback, makeRecycleRule } from '../../support/callback-fixtures';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, addDnc, minutesBefore } from '../../support/hopper-fixtures';
import { snapshotTables as snapshot } from '../../support/table-snapshot';

const minutesAfter = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

describeEachDialect("a lead's callbacks", ({ h }) => {
  const services = () => createServices(h, fixedClock(NOON));
  const setup = async (extra: Record<string, unknown> = {}) => {
    const campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', retry_delay_minutes: 60, max_dial_attempts: 3, ...extra });
    return { campaign, list: await makeList(h, campaign) };
  };

  it('the story lists every callback of the lead from the callbacks table, latest due first, and no other lead’s', async () => {
    const { list } = await setup();
    const lead = await makeLead(h, list, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
    const other = await makeLead(h, list);
    const done = await makeCallback(h, lead, minutesBefore(NOON, 120), { state: 'done' });
    const later = await makeCallback(h, lead, minutesAfter(NOON, 90), { scope: 'agent', agent: 'amy' });
    await makeCallback(h, other, minutesAfter(NOON, 30));
    const story = await services().leads.story(lead);
    expect(story.callbacks.map((c) => [c.id, c.due_at, c.scope, c.agent, c.state])).toEqual([
      [later, minutesAfter(NOON, 90), 'agent', 'amy', 'pending'],
      [done, minutesBefore(NOON, 120), 'anyone', null, 'done'],
    ]);
    expect(typeof story.callbacks[0].created_at).toBe('string');
    expect(Number.isFinite(Date.parse(story.callbacks[0].created_at))).toBe(true);
  });

  it('a lead at its attempt cap becomes eligible when its anyone callback is due (an agent’s only at its hand-over)', async () => {
    const { list } = await setup({ agent_callback_minutes: 30 });
    const capped = await makeLead(h, list, { status: 'no_answer', dial_attempts: 3, last_dial_attempt: minutesBefore(NOON, 600) });
    expect((await services().leads.story(capped)).eligibility).toMatchObject({ rule: 'attempt_cap', next_eligible_at: null });
    await makeCallback(h, capped, minutesAfter(NOON, 45), { scope: 'agent', agent: 'amy' });
    // The agent's callback goes to anyone 30 minutes after it is due.
    expect((await services().leads.story(capped)).eligibility).toMatchObject({ rule: 'attempt_cap', next_eligible_at: minutesAfter(NOON, 75) });
    await makeCallback(h, capped, minutesAfter(NOON, 20));
    expect((await services().leads.story(capped)).eligibility).toMatchObject({ rule: 'attempt_cap', next_eligible_at: minutesAfter(NOON, 20) });
    // Due now: eligible, as the hopper would queue it.
    const due = await makeLead(h, list, { status: 'no_answer', dial_attempts: 3, last_dial_attempt: minutesBefore(NOON, 600) });
    await makeCallback(h, due, minutesBefore(NOON, 5));
    expect((await services().leads.story(due)).eligibility).toMatchObject({ eligible: true, rule: null });
    // A callback never makes a DNC phone dialable.
    const onDnc = await makeLead(h, list, { phone: '2125550199', status: 'no_answer', dial_attempts: 3 });
    await addDnc(h, '2125550199');
    await makeCallback(h, onDnc, minutesAfter(NOON, 20));
    expect((await services().leads.story(onDnc)).eligibility).toMatchObject({ next_eligible_at: null });
  });

  it("a recycle rule's delay, not the campaign's, says when the lead is next eligible", async () => {
    const { campaign, list } = await setup({ recyclable_statuses: 'busy,no_answer' });
    await makeRecycleRule(h, campaign, 'busy', 240, 5);
    const lead = await makeLead(h, list, { status: 'busy', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 90) });
    // Dialed 10:30; the rule's 240 minutes end at 14:30 (the campaign's 60 had ended at 11:30).
    expect((await services().leads.story(lead)).eligibility).toMatchObject({ rule: 'recycle_rule_delay', next_eligible_at: minutesAfter(NOON, 150) });
  });

  it('schedule a callback from the lead: one callback and one manual audit row, in one go; refused for a final lead or a DNC phone', async () => {
    const { list } = await setup();
    const lead = await makeLead(h, list, { status: 'no_answer', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 600) });
    const r = await services().leads.scheduleCallback({ leadId: lead, dueAt: minutesAfter(NOON, 60), agent: 'amy', note: 'after lunch', reason: 'customer asked' });
    expect(r).toMatchObject({ lead_id: lead, action: 'schedule_callback', old_status: 'no_answer', new_status: 'no_answer', removed_from_hopper: false, changed_by: workstationUser() });
    const story = await services().leads.story(lead);
    expect(story.callbacks).toEqual([expect.objectContaining({ id: r.callback_id, due_at: minutesAfter(NOON, 60), scope: 'agent', agent: 'amy', state: 'pending', note: 'after lunch' })]);
    expect(story.audit[0]).toMatchObject({ source: 'manual', old_status: 'no_answer', new_status: 'no_answer', changed_by: workstationUser() });
    expect(story.audit[0].reason).toContain('callback scheduled for');
    expect(story.audit[0].reason).toContain('customer asked');

    const sale = await makeLead(h, list, { status: 'sale', dial_attempts: 1 });
    const dnc = await makeLead(h, list, { phone: '2125550142' });
    await addDnc(h, '212-555-0142');
    // SQLite: the first call fills the phone keys (upkeep, not a change).
    await expect(services().leads.scheduleCallback({ leadId: sale, dueAt: minutesAfter(NOON, 60), reason: 'x' })).rejects.toThrow(/final status sale/);
    const before = await snapshot(h);
    await expect(services().leads.scheduleCallback({ leadId: dnc, dueAt: minutesAfter(NOON, 60), reason: 'x' })).rejects.toThrow(/DNC list/);
    await expect(services().leads.scheduleCallback({ leadId: lead, dueAt: 'tomorrow', reason: 'x' })).rejects.toThrow(/due_at/);
    await expect(services().leads.scheduleCallback({ leadId: lead, dueAt: minutesAfter(NOON, 60), reason: '  ' })).rejects.toThrow(/reason is required/);
    await expect(services().leads.scheduleCallback({ leadId: 9999, dueAt: minutesAfter(NOON, 60), reason: 'x' })).rejects.toThrow(/Lead 9999/);
    expect(await snapshot(h)).toEqual(before);
  });

  it('setting a final status by hand cancels the lead’s pending callbacks; another status keeps them', async () => {
    const { list } = await setup();
    const lead = await makeLead(h, list, { status: 'no_answer', dial_attempts: 1 });
    const kept = await makeCallback(h, lead, minutesAfter(NOON, 60));
    await services().leads.setStatus({ leadId: lead, status: 'busy', reason: 'typo' });
    expect(await callbackState(h, kept)).toMatchObject({ state: 'pending' });
    const old = await makeCallback(h, lead, minutesBefore(NOON, 60), { state: 'done' });
    await services().leads.setStatus({ leadId: lead, status: 'not_interested', reason: 'asked us to stop' });
    expect(await callbackState(h, kept)).toMatchObject({ state: 'cancelled' });
    expect(await callbackState(h, old)).toMatchObject({ state: 'done' });
  });
});
