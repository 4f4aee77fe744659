// The call rule (domain.md "Applying a call to its lead") checked field by field against a
// second, deliberately plain statement of it, for calls arriving in any order: the pure rule and
// the database path must both agree with it on every tracking field.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../../shared/catalogue';
import { fixedClock } from '../../../main/db/time';
import { applyCallRule } from '../../../main/services/calls/call-rule';
import type { LeadTracking } from '../../../main/services/leads/lead-tracking';
import { StatusService } from '../../../main/services/status/status-service';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';

interface Call {
  minute: number;
  result: Status;
}

// Distinct start times: with two calls started in the same millisecond, which one is "the newest"
// is the arrival order's choice, and the closed forms below would not hold.
const callsArb = fc.uniqueArray(fc.record({ minute: fc.integer({ min: 0, max: 600 }), result: fc.constantFrom(...STATUSES.filter((s) => s !== 'new')) }), {
  selector: (c) => c.minute,
  minLength: 1,
  maxLength: 8,
});
const BASE = Date.UTC(2026, 10, 24, 8);
const time = (minute: number) => new Date(BASE + minute * 60_000).toISOString();
const fresh: LeadTracking = { status: 'new', dial_attempts: 0, answered_count: 0, last_dial_attempt: null, dial_result: null, last_status_change: null };

// The reference, written from domain.md's words with its own lists, sharing no code with the rule.
const ANSWERED = ['contacted', 'callback', 'sale', 'not_interested', 'wrong_number', 'dnc'];
const FINAL = ['sale', 'not_interested', 'wrong_number', 'invalid', 'dnc'];
const mayMove = (from: string, to: string) => from !== 'dnc' && (!FINAL.includes(from) || to === 'dnc');

function reference(arrivals: Call[]): LeadTracking {
  let attempts = 0;
  let answered = 0;
  let lastDial = -Infinity;
  let lastChange = -Infinity;
  let dialResult: string | null = null;
  let status = 'new';
  for (const { minute, result } of arrivals) {
    attempts += 1;
    if (ANSWERED.includes(result)) answered += 1;
    const newest = minute >= lastDial;
    if (newest) dialResult = result;
    if (newest && minute >= lastChange && mayMove(status, result) && status !== result) {
      status = result;
      lastChange = minute;
    }
    lastDial = Math.max(lastDial, minute);
  }
  return {
    status,
    dial_attempts: attempts,
    answered_count: answered,
    last_dial_attempt: time(lastDial),
    dial_result: dialResult,
    last_status_change: lastChange === -Infinity ? null : time(lastChange),
  } as LeadTracking;
}

/** What no arrival order may change: count, answered count, the newest dial and its result. */
function orderFree(calls: Call[]) {
  const newest = calls.reduce((a, b) => (b.minute > a.minute ? b : a));
  return {
    dial_attempts: calls.length,
    answered_count: calls.filter((c) => ANSWERED.includes(c.result)).length,
    last_dial_attempt: time(newest.minute),
    dial_result: newest.result,
  };
}

const applyAll = (calls: Call[]): LeadTracking => calls.reduce((lead, c) => applyCallRule(lead, { startedAt: time(c.minute), result: c.result }).next, fresh);
const shuffle = (calls: Call[], keys: number[]) =>
  calls
    .map((c, i) => ({ c, k: keys[i] }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);

describe('applying calls in any order (pure rule)', () => {
  it('agrees with the reference on every field, and count, answered, last dial and dial result do not depend on the order', () => {
    fc.assert(
      fc.property(callsArb, fc.array(fc.integer(), { minLength: 8, maxLength: 8 }), (calls, keys) => {
        for (const arrivals of [calls, [...calls].reverse(), shuffle(calls, keys)]) {
          const got = applyAll(arrivals);
          expect(got).toEqual(reference(arrivals));
          expect(got).toMatchObject(orderFree(calls));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the reference is not the rule in disguise: a late call changes neither dial_result nor status', () => {
    const arrivals: Call[] = [
      { minute: 10, result: 'busy' },
      { minute: 5, result: 'no_answer' },
    ];
    expect(reference(arrivals)).toMatchObject({ status: 'busy', dial_result: 'busy', last_status_change: time(10), dial_attempts: 2 });
  });
});

describeEachDialect(
  'applying calls in any order through the database',
  ({ h }) => {
    let svc: StatusService;
    let listId: number;
    beforeAll(async () => {
      svc = new StatusService(h, fixedClock('2026-11-25T00:00:00Z'));
      listId = await makeList(h, await makeCampaign(h));
    });

    it('leaves every tracking field as the reference says, whatever the order the calls arrive in', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(callsArb, fc.array(fc.integer(), { minLength: 8, maxLength: 8 }), async (calls, keys) => {
          run += 1;
          for (const [variant, arrivals] of [calls, shuffle(calls, keys)].entries()) {
            const leadId = await makeLead(h, listId);
            for (const [i, c] of arrivals.entries()) {
              await svc.recordCall({ call_uuid: `r${run}-v${variant}-${i}-${c.minute}`, lead_id: leadId, started_at: time(c.minute), result: c.result });
            }
            const row = await h.db
              .selectFrom('leads')
              .select(['status', 'dial_attempts', 'answered_count', 'last_dial_attempt', 'dial_result', 'last_status_change'])
              .where('id', '=', leadId)
              .executeTakeFirstOrThrow();
            expect(row).toEqual(reference(arrivals));
            expect(row).toMatchObject(orderFree(calls));
          }
        }),
        { numRuns: 25 },
      );
    });
  },
  { reset: 'never' },
);
