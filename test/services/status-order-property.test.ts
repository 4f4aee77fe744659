import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../shared/catalogue';
import type { DbHandle } from '../../main/db/open-database';
import { fixedClock } from '../../main/db/time';
import { applyCallRule } from '../../main/services/calls/call-rule';
import type { LeadTracking } from '../../main/services/leads/lead-tracking';
import { StatusService } from '../../main/services/status/status-service';
import { DIALECTS, openTestDatabase, resetDatabase } from '../support/databases';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';

const callArb = fc.record({
  minute: fc.integer({ min: 0, max: 600 }),
  result: fc.constantFrom(...STATUSES.filter((s) => s !== 'new')),
});
const callsArb = fc.array(callArb, { minLength: 1, maxLength: 8 });
const BASE = Date.UTC(2026, 10, 24, 8);
const time = (minute: number) => new Date(BASE + minute * 60_000).toISOString();
const fresh: LeadTracking = { status: 'new', dial_attempts: 0, answered_count: 0, last_dial_attempt: null, dial_result: null, last_status_change: null };

function applyAll(calls: { minute: number; result: Status }[]): LeadTracking {
  return calls.reduce((lead, c) => applyCallRule(lead, { startedAt: time(c.minute), result: c.result }).next, fresh);
}

describe('applying calls in any order (pure rule)', () => {
  it('yields the same attempts, answered count and last dial', () => {
    fc.assert(
      fc.property(callsArb, fc.array(fc.integer(), { minLength: 8, maxLength: 8 }), (calls, keys) => {
        const forward = applyAll(calls);
        const backward = applyAll([...calls].reverse());
        const shuffled = applyAll(calls.map((c, i) => ({ c, k: keys[i] })).sort((a, b) => a.k - b.k).map((x) => x.c));
        for (const other of [backward, shuffled]) {
          expect(other.dial_attempts).toBe(forward.dial_attempts);
          expect(other.answered_count).toBe(forward.answered_count);
          expect(other.last_dial_attempt).toBe(forward.last_dial_attempt);
        }
      }),
      { numRuns: 500 },
    );
  });
});

for (const dialect of DIALECTS) {
  describe(`applying calls in any order through the database [${dialect}]`, () => {
    let h: DbHandle;
    let svc: StatusService;
    let listId: number;
    beforeAll(async () => {
      h = await openTestDatabase(dialect);
      svc = new StatusService(h, fixedClock('2026-11-25T00:00:00Z'));
      await resetDatabase(h);
      listId = await makeList(h, await makeCampaign(h));
    });
    afterAll(() => h.close());

    it('yields the same attempts, answered count and last dial', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(callsArb, fc.integer({ min: 0, max: 1_000_000 }), async (calls, seed) => {
          run += 1;
          const order = calls.map((c, i) => ({ c, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k).map((x) => x.c);
          const leads: number[] = [];
          for (const [variant, list] of [calls, order].entries()) {
            const leadId = await makeLead(h, listId);
            leads.push(leadId);
            for (const [i, c] of list.entries()) {
              await svc.recordCall({ call_uuid: `r${run}-v${variant}-${i}-${c.minute}`, lead_id: leadId, started_at: time(c.minute), result: c.result });
            }
          }
          const rows = await h.db.selectFrom('leads').select(['dial_attempts', 'answered_count', 'last_dial_attempt']).where('id', 'in', leads).orderBy('id').execute();
          expect(rows[1]).toEqual(rows[0]);
          expect(rows[0]).toEqual({
            dial_attempts: calls.length,
            answered_count: applyAll(calls).answered_count,
            last_dial_attempt: time(Math.max(...calls.map((c) => c.minute))),
          });
        }),
        { numRuns: 25 },
      );
    });
  });
}
