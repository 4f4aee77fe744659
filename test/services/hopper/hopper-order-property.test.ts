// For random campaign settings, leads and callbacks: every lead a fill queues is eligible (the one
// definition, as explain reads it), and the queued leads are the first N of the hopper order —
// dropped, then due callbacks (earliest first), then the lead order with its Nth NEW — computed
// here independently in TypeScript. `random` is checked for the set only.
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { LEAD_ORDERS, type LeadOrder } from '../../../shared/campaign/lead-orders';
import { fixedClock } from '../../../main/db/time';
import { ensurePhoneKeys } from '../../../main/db/query/phone-keys';
import { loadCampaignContext } from '../../../main/services/hopper/campaign-context';
import { callbackDue, dueCallback, eligibleExcept, firstExclusion } from '../../../main/services/hopper/eligibility';
import { interleaveNew } from '../../../main/services/hopper/lead-selection';
import { describeEachDialect, resetDatabase } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { makeCallback, makeRecycleRule } from '../../support/callback-fixtures';
import { NOON, hopperAt, hopperLeadIds, minutesBefore } from '../../support/hopper-fixtures';

const leadArb = fc.record({
  status: fc.constantFrom('new', 'new', 'no_answer', 'busy', 'dropped', 'voicemail', 'callback', 'sale', null),
  attempts: fc.integer({ min: 0, max: 6 }),
  minutesAgo: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
  tokyo: fc.boolean(),
  callback: fc.option(fc.record({ minutesAgo: fc.integer({ min: -60, max: 120 }), agent: fc.boolean() }), { nil: null }),
});
const settingsArb = fc.record({
  order: fc.constantFrom(...LEAD_ORDERS),
  newEvery: fc.constantFrom(0, 0, 2, 3, 4),
  retry: fc.constantFrom(0, 30, 120),
  maxAttempts: fc.constantFrom(2, 5, 10),
  handover: fc.constantFrom(0, 30),
  rule: fc.option(fc.record({ status: fc.constantFrom('busy', 'no_answer', 'voicemail'), delay: fc.constantFrom(0, 60), max: fc.integer({ min: 1, max: 4 }) }), { nil: null }),
  target: fc.integer({ min: 1, max: 14 }),
});

interface Row {
  id: number;
  status: string | null;
  dial_attempts: number;
  last_dial_attempt: string | null;
  x: string | null;
  normal: number;
  due: string | null;
}

const ms = (t: string | null) => (t === null ? null : Date.parse(t));

function comparator(order: LeadOrder): (a: Row, b: Row) => number {
  const byId = (a: Row, b: Row) => a.id - b.id;
  const lastAsc = (a: Row, b: Row) => (ms(a.last_dial_attempt) ?? -Infinity) - (ms(b.last_dial_attempt) ?? -Infinity) || byId(a, b);
  switch (order) {
    case 'default':
    case 'down_last_call':
    case 'random':
      return lastAsc;
    case 'down':
      return byId;
    case 'up':
      return (a, b) => b.id - a.id;
    case 'down_count':
      return (a, b) => a.dial_attempts - b.dial_attempts || byId(a, b);
    case 'up_count':
      return (a, b) => b.dial_attempts - a.dial_attempts || byId(a, b);
    case 'up_last_call':
      return (a, b) => (ms(b.last_dial_attempt) ?? -Infinity) - (ms(a.last_dial_attempt) ?? -Infinity) || byId(a, b);
  }
}

/** The hopper order of the eligible leads, from the rules of domain.md alone. */
function expectedOrder(rows: Row[], order: LeadOrder, newEvery: number): number[] {
  const eligible = rows.filter((r) => r.x === null);
  const cmp = comparator(order);
  const dropped = eligible.filter((r) => r.status === 'dropped' && Number(r.normal) === 1).sort(cmp);
  const inDropped = new Set(dropped.map((r) => r.id));
  const callbacks = eligible.filter((r) => r.due !== null && !inDropped.has(r.id)).sort((a, b) => ms(a.due)! - ms(b.due)! || a.id - b.id);
  const taken = new Set([...inDropped, ...callbacks.map((r) => r.id)]);
  const rest = eligible.filter((r) => !taken.has(r.id)).sort(cmp);
  const fresh = rest.filter((r) => r.status === 'new');
  const others = rest.filter((r) => r.status !== 'new');
  const tail = newEvery >= 2 && fresh.length > 0 && others.length > 0 ? interleaveNew(fresh, others, newEvery) : rest;
  return [...dropped, ...callbacks, ...tail].map((r) => r.id);
}

describeEachDialect('hopper order property', ({ h }) => {
  it('queued ⊆ eligible, and the queued leads are the first N of the order', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(settingsArb, fc.array(leadArb, { maxLength: 18 }), async (s, leads) => {
        run += 1;
        await resetDatabase(h);
        const campaign = await makeCampaign(h, `C${run}`, {
          timezone: 'UTC',
          lead_order: s.order,
          new_every: s.newEvery,
          retry_delay_minutes: s.retry,
          dropped_retry_delay_minutes: 15,
          max_dial_attempts: s.maxAttempts,
          agent_callback_minutes: s.handover,
          hopper_target: s.target,
        });
        if (s.rule) await makeRecycleRule(h, campaign, s.rule.status, s.rule.delay, s.rule.max);
        const list = await makeList(h, campaign);
        for (const l of leads) {
          const id = await makeLead(h, list, {
            status: l.status,
            dial_attempts: l.minutesAgo === null ? 0 : l.attempts,
            last_dial_attempt: l.minutesAgo === null ? null : minutesBefore(NOON, l.minutesAgo),
            timezone: l.tokyo ? 'Asia/Tokyo' : null,
          });
          if (l.callback) await makeCallback(h, id, minutesBefore(NOON, l.callback.minutesAgo), l.callback.agent ? { scope: 'agent', agent: 'ana' } : {});
        }
        await ensurePhoneKeys(h.db, h.dialect);
        const ctx = await loadCampaignContext(h.db, h.dialect, campaign, new Date(NOON));
        const rows = (
          await sql<Row>`select leads.id, leads.status, leads.dial_attempts, leads.last_dial_attempt, ${firstExclusion(ctx)} as x,
              case when ${eligibleExcept(ctx, [], { callbacks: false })} then 1 else 0 end as normal,
              case when ${callbackDue(ctx)} then (select min(cb.due_at) from callbacks cb where cb.lead_id = leads.id and ${dueCallback(ctx)}) end as due
            from leads order by leads.id`.execute(h.db)
        ).rows;
        await hopperAt(h).fill(campaign);
        const queued = await hopperLeadIds(h);
        const expected = expectedOrder(rows, s.order, s.newEvery);
        const eligible = new Set(rows.filter((r) => r.x === null).map((r) => r.id));
        for (const id of queued) expect(eligible.has(id)).toBe(true);
        expect(queued.length).toBe(Math.min(s.target, eligible.size));
        if (s.order === 'random') {
          // Dropped and callbacks still come first, in their own order.
          const head = expected.filter((id) => rows.find((r) => r.id === id)!.status === 'dropped' || rows.find((r) => r.id === id)!.due !== null);
          expect(queued.slice(0, Math.min(head.length, s.target)).length).toBe(Math.min(head.length, s.target));
        } else {
          expect(queued).toEqual(expected.slice(0, s.target));
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
