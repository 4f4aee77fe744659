import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DEMO_NOW, seedDemo } from '../../../main/demo/seed-demo';
import { fixedClock } from '../../../main/db/time';
import { createServices } from '../../../main/services/create-services';
import { EXCLUSION_RULES, type ExclusionRule } from '../../../shared/types/hopper';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, addDnc, minutesBefore, queueRow } from '../../support/hopper-fixtures';


describeEachDialect('lead story', ({ h }) => {
  const services = (iso = NOON) => createServices(h, fixedClock(iso));

  it('holds the lead, its calls newest first, its changes, its hopper row and its DNC match, as the tables do', async () => {
    const campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', retry_delay_minutes: 60 });
    const list = await makeList(h, campaign, 'Main');
    const lead = await makeLead(h, list, { phone: '+1 (212) 555-0101' });
    await makeLead(h, list);
    const s = services();
    await s.hopper.recordDialAttempt({ call_uuid: 'c1', lead_id: lead, started_at: minutesBefore(NOON, 120), result: 'NA', agent: 'amy', duration_seconds: 20, ended_at: minutesBefore(NOON, 119) });
    await s.hopper.recordDialAttempt({ call_uuid: 'c2', lead_id: lead, started_at: minutesBefore(NOON, 30), result: null, hangup_cause: '486' });
    await s.recycling.recycle({ listId: list, statuses: ['busy'], targetStatus: 'new', resetDialCount: false });
    await queueRow(h, campaign, lead, { priority: 3 });
    await addDnc(h, '+1 212-555-0101');

    const story = await s.leads.story(lead);
    expect(story.lead).toMatchObject({ id: lead, list_id: list, list_name: 'Main', campaign_id: campaign, campaign_name: 'Solar', status: 'new', dial_attempts: 2, list_active: true });
    expect(story.calls.map((c) => [c.call_uuid, c.result, c.classified, c.hangup_cause, c.agent, c.duration_seconds])).toEqual([
      ['c2', null, 'busy', '486', null, null],
      ['c1', 'NA', 'no_answer', null, 'amy', 20],
    ]);
    const audit = await h.db.selectFrom('lead_status_audit').selectAll().where('lead_id', '=', lead).orderBy('id', 'desc').execute();
    expect(story.audit.map((a) => [a.id, a.source, a.old_status, a.new_status, a.reason, a.operation_id])).toEqual(audit.map((a) => [a.id, a.source, a.old_status, a.new_status, a.reason, a.operation_id]));
    expect(story.audit.map((a) => a.source)).toEqual(['recycle', 'call', 'call']);
    expect(story.audit[0].operation_kind).toBe('recycle');
    expect(story.hopper).toMatchObject({ campaign_id: campaign, state: 'queued', priority: 3 });
    expect(story.callbacks).toEqual([]);
    expect(story.phone_on_dnc).toBe(true);
    // Queued, and its phone on the DNC list: explain counts it under retry_delay (first), and
    // nothing but a person makes it eligible again.
    expect(story.eligibility).toEqual({ now: NOON, eligible: false, rule: 'retry_delay', next_eligible_at: null, all_rules: ['retry_delay', 'dnc_phone', 'already_queued'] });
  });

  it('says when time alone stands in the way: the retry delay, then the calling window', async () => {
    const campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', retry_delay_minutes: 60, call_window_start: '09:00', call_window_end: '12:30' });
    const list = await makeList(h, campaign);
    const eligible = await makeLead(h, list);
    const waiting = await makeLead(h, list, { status: 'busy', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 10) });
    const pastWindow = await makeLead(h, list, { status: 'busy', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 50) });
    const sale = await makeLead(h, list, { status: 'sale', dial_attempts: 1 });
    const s = services();
    expect((await s.leads.story(eligible)).eligibility).toMatchObject({ eligible: true, rule: null, next_eligible_at: null, all_rules: [] });
    // Dialed 11:50, retry after 12:50: the window closes at 12:30, so 09:00 the next day.
    expect((await s.leads.story(pastWindow)).eligibility).toMatchObject({ rule: 'retry_delay', next_eligible_at: '2026-11-24T12:10:00.000Z' });
    expect((await s.leads.story(waiting)).eligibility).toMatchObject({ rule: 'retry_delay', next_eligible_at: '2026-11-25T09:00:00.000Z' });
    expect((await s.leads.story(sale)).eligibility).toMatchObject({ rule: 'final_status', next_eligible_at: null });
    await expect(s.leads.story(999)).rejects.toThrow('Lead 999 does not exist.');
  });

  it("one lead's eligibility is explain's classification, for every lead of a demo campaign", async () => {
    // A story per lead (each one reads the lead, its calls and its rules): 400 demo leads keep it
    // within the time limit on a loaded PostgreSQL.
    await seedDemo(h, { leads: 400 });
    const s = services(DEMO_NOW);
    const campaign = 1;
    await s.hopper.fill(campaign, { target: 40 });
    const explain = await s.hopper.explain(campaign);
    const ids = (await sql<{ id: number }>`select l.id from leads l join lead_lists ll on ll.id = l.list_id where ll.campaign_id = ${campaign}`.execute(h.db)).rows.map((r) => Number(r.id));
    const tally = new Map<ExclusionRule | 'eligible', number>();
    for (const id of ids) {
      const e = (await s.leads.story(id)).eligibility;
      expect(e.eligible).toBe(e.rule === null);
      expect(e.all_rules[0] ?? null).toBe(e.rule);
      if (e.next_eligible_at !== null) expect(Date.parse(e.next_eligible_at)).toBeGreaterThanOrEqual(Date.parse(DEMO_NOW));
      tally.set(e.rule ?? 'eligible', (tally.get(e.rule ?? 'eligible') ?? 0) + 1);
    }
    expect(ids.length).toBe(explain.total_leads);
    expect(tally.get('eligible') ?? 0).toBe(explain.eligible_now);
    for (const rule of EXCLUSION_RULES) expect(tally.get(rule) ?? 0, rule).toBe(explain.excluded.find((x) => x.rule === rule)!.count);
    // The demo exercises most rules, so the comparison means something.
    expect([...tally.keys()].length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
