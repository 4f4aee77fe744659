import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { HOPPER_PRIORITY, type DialAttemptResult } from '../../../shared/types/hopper';
import { describeEachDialect } from '../../support/databases';
import { dialStateOf } from '../../support/dial-state';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, addDnc, hopperAt, minutesBefore } from '../../support/hopper-fixtures';

// Dial results that arrive together share a transaction (dial-batcher.ts). Whatever the grouping,
// every call must be applied as it would be alone: twin leads, one set dialed all at once, the
// other one call at a time, must end the same; a call refused for its own reason fails alone.
const results = ['no_answer', 'busy', 'dropped', 'sale', 'dnc', 'NA', 'PDROP', 'XFER', null] as const;
const callArb = fc.record({ lead: fc.nat(7), minute: fc.integer({ min: -300, max: 60 }), result: fc.constantFrom(...results), repeat: fc.boolean() });
const seedArb = fc.record({ status: fc.constantFrom('new', 'no_answer', 'dropped', 'sale', null), onDnc: fc.boolean() });

describeEachDialect('dial results that arrive together', ({ h }) => {
  let list: number;
  beforeAll(async () => {
    list = await makeList(h, await makeCampaign(h, 'Batches', { timezone: 'UTC', dropped_retry_delay_minutes: 0 }));
  });

  it('write what the same results written one at a time write', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(seedArb, { minLength: 8, maxLength: 8 }), fc.array(fc.array(callArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }), async (seeds, waves) => {
        run += 1;
        // Twin leads: [together, one at a time] for each seed.
        const twins: [number, number][] = [];
        for (const [k, seed] of seeds.entries()) {
          const pair: number[] = [];
          for (const side of [0, 1]) {
            const phone = `+1 646 555 ${String(run * 100 + k * 2 + side).padStart(4, '0')}`;
            pair.push(await makeLead(h, list, { status: seed.status, phone }));
            if (seed.onDnc) await addDnc(h, phone);
          }
          twins.push(pair as [number, number]);
        }
        const together = hopperAt(h);
        const alone = hopperAt(h);
        const answers: [unknown[], unknown[]] = [[], []];
        for (const [w, wave] of waves.entries()) {
          // Within a wave, one call per lead: calls for the same lead at the same moment may
          // be applied in either order, by design (the rules then decide by start time).
          const seen = new Set<number>();
          const calls = wave.filter((c) => !seen.has(c.lead) && seen.add(c.lead));
          const callsOf = (side: 0 | 1) =>
            calls.flatMap((c, i) => {
              const call = { call_uuid: `b${run}-${w}-${i}-${side}`, lead_id: twins[c.lead][side], started_at: minutesBefore(NOON, -c.minute), result: c.result };
              // A dialer that reports a call twice at once: applied once.
              return c.repeat ? [call, call] : [call];
            });
          const strip = (r: PromiseSettledResult<DialAttemptResult>) => {
            if (r.status === 'rejected') return { error: String(r.reason) };
            const { call_uuid: _u, lead_id: _l, ...rest } = r.value;
            return rest;
          };
          answers[0].push(...(await Promise.allSettled(callsOf(0).map((c) => together.recordDialAttempt(c)))).map(strip));
          for (const c of callsOf(1)) answers[1].push(strip((await Promise.allSettled([alone.recordDialAttempt(c)]))[0]));
        }
        expect(answers[0]).toEqual(answers[1]);
        for (const [a, b] of twins) expect(await dialStateOf(h, a)).toEqual(await dialStateOf(h, b));
      }),
      { numRuns: 12 },
    );
  });

  it('a call for a lead that does not exist fails alone; the calls beside it are applied', async () => {
    const leads = [await makeLead(h, list), await makeLead(h, list)];
    const hopper = hopperAt(h);
    const settled = await Promise.allSettled([
      hopper.recordDialAttempt({ call_uuid: 'alone-1', lead_id: leads[0], started_at: NOON, result: 'busy' }),
      hopper.recordDialAttempt({ call_uuid: 'alone-2', lead_id: 999_999, started_at: NOON, result: 'busy' }),
      hopper.recordDialAttempt({ call_uuid: 'alone-3', lead_id: leads[1], started_at: NOON, result: 'sale' }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'not_found' });
    const rows = await h.db.selectFrom('leads').select(['status', 'dial_attempts']).where('id', 'in', leads).orderBy('id').execute();
    expect(rows).toEqual([
      { status: 'busy', dial_attempts: 1 },
      { status: 'sale', dial_attempts: 1 },
    ]);
    expect(await h.db.selectFrom('call_logs').select('call_uuid').where('call_uuid', 'like', 'alone-%').orderBy('call_uuid').execute()).toEqual([
      { call_uuid: 'alone-1' },
      { call_uuid: 'alone-3' },
    ]);
  });

  it('a call older than the last dial of a dropped lead leaves it dropped, and back in the hopper', async () => {
    const lead = await makeLead(h, list);
    const hopper = hopperAt(h);
    expect(await hopper.recordDialAttempt({ call_uuid: 'late-1', lead_id: lead, started_at: minutesBefore(NOON, 5), result: 'dropped' })).toMatchObject({ status: 'dropped', requeued: true });
    // Reported late: older than the dropped call, it counts but changes neither status nor result;
    // like every call it takes the lead out of the hopper, and the dropped lead goes back.
    const late = await hopper.recordDialAttempt({ call_uuid: 'late-0', lead_id: lead, started_at: minutesBefore(NOON, 9), result: 'no_answer' });
    expect(late).toMatchObject({ status: 'dropped', status_changed: false, requeued: true });
    expect(await h.db.selectFrom('dialer_hopper').select(['lead_id', 'priority']).where('lead_id', '=', lead).execute()).toEqual([{ lead_id: lead, priority: HOPPER_PRIORITY.high }]);
  });

  it('several calls for one lead at once are all applied, one after the other', async () => {
    const lead = await makeLead(h, list);
    const hopper = hopperAt(h);
    const calls = [0, 1, 2, 3].map((i) => hopper.recordDialAttempt({ call_uuid: `same-${i}`, lead_id: lead, started_at: minutesBefore(NOON, 10 - i), result: 'no_answer' }));
    expect((await Promise.all(calls)).map((r) => r.applied)).toEqual([true, true, true, true]);
    expect(await h.db.selectFrom('leads').select(['status', 'dial_attempts', 'last_dial_attempt']).where('id', '=', lead).executeTakeFirst()).toEqual({
      status: 'no_answer',
      dial_attempts: 4,
      last_dial_attempt: minutesBefore(NOON, 7),
    });
  });
}, { reset: 'never' });
