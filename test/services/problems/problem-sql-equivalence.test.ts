// The set-based problem classifier (problem-sql-plan.ts, problem-sql-words.ts) against the one
// TypeScript rule (problem-rules.ts: summariseCalls, classifyLead, planFix; shared/catalogue:
// readStatus, classifyCallResult), as fast-check properties on each database:
//  1. single words: the SQL reading of a status word, of a call's result and of a hangup cause
//     equals the TypeScript reading, for odd spellings, spaces of every kind and non-ASCII letters;
//  2. random leads and calls (with saved aliases): the SQL class and planned values of every lead
//     equal planFix's, and a fix by the service leaves exactly those values, with one audit row
//     per status change and one undo row per changed lead.
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { PROBLEM_CLASSES, classifyCallResult, classifyHangupCause, isAnswered, readStatus, type SavedAliases, type Status } from '../../../shared/catalogue';
import { fixedClock } from '../../../main/db/time';
import { loadCallsByLead, loadLeadsById } from '../../../main/services/leads/lead-repository';
import { TRACKING_FIELDS, changedTracking, trackingOf } from '../../../main/services/leads/lead-tracking';
import { planFix, summariseCalls } from '../../../main/services/problems/problem-rules';
import { planSelect, type PlanQuery } from '../../../main/services/problems/problem-sql-plan';
import { SqlWords, hangupClass } from '../../../main/services/problems/problem-sql-words';
import { loadSavedAliases } from '../../../main/services/status-words/saved-aliases';
import { StatusService } from '../../../main/services/status/status-service';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeList } from '../../support/fixtures';

const RUNS = Number(process.env.PROBLEM_SQL_RUNS ?? 40);
const NOW = '2026-11-24T12:00:00.000Z';

// Words as dialers and imports spell them: catalogue words, aliases in any case and spacing,
// blanks, unknown words, the saved aliases below, and non-ASCII look-alikes.
const SAVED: [string, Status][] = [
  ['xfer', 'contacted'],
  ['vm box', 'voicemail'],
  ['kündigung', 'not_interested'],
  ['résultat', 'sale'],
];
const WORDS = [
  'new', 'no_answer', 'busy', 'failed', 'dropped', 'voicemail', 'contacted', 'callback', 'sale', 'not_interested', 'wrong_number', 'invalid', 'dnc',
  'NEW', ' new ', 'New', '\tnew\n', 'NA', ' na', 'B', 'AB', 'AM', 'A', 'HUMAN', 'SALE', 'DNC', 'DNCL', 'NI', 'WN', 'DC', 'CALLBK', 'no answer', 'No-Answer',
  '', ' ', '\t', '\u00a0', 'XFER', ' xfer ', 'VM BOX', 'KÜNDIGUNG', 'kündigung', 'RÉSULTAT', 'résultat', 'Résultat', 'weird', 'SALÉ', 'ſale', 'ı', 'dnc\u00a0',
];
const CAUSES = [
  '486', '17', '19', '480', '487', '503', '34', '404', '1', '500', '31', '603', '0', '127', '128', '399', '400', '699', '700', '017', '0486', '1000',
  'USER_BUSY', 'user_busy', ' NO_ANSWER ', 'NORMAL_CIRCUIT_CONGESTION', 'UNALLOCATED_NUMBER', 'NUMBER_CHANGED', 'uſer_buſy', 'ſip 486', 'ﬅ',
  'SIP 486', 'sip:480', 'SIP/503', 'SIP_404', 'SIP-486', 'SIP486', 'SIP', 'SIP 4860', 'Q850 17', 'Q.850:19', 'q.850 - 34', 'Q850', 'Q.85017', 'Q8501',
  '\u3000486\u2028', '\u00a0SIP\u00a0486', 'SIP\u2003486', 'ß', 'CONSTRUCTOR', '__proto__', 'x', '',
];
const TIMES = ['2026-11-20T10:00:00.000Z', '2026-11-21T10:00:00.000Z', '2026-11-22T10:00:00.000Z', '2026-11-22T10:00:00.000Z', '2026-11-23T10:00:00.000Z'];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', 'é', 'É', 'ı', '_', 'n', 'e', 'w') , maxLength: 4 }));
const cause = fc.oneof(fc.constantFrom(...CAUSES), fc.string({ unit: fc.constantFrom('S', 'I', 'P', 's', 'Q', '.', '8', '5', '0', '4', '6', ' ', ':', '-', 'ſ', '\u00a0'), maxLength: 7 }));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 });

const leadArb = fc.record({
  status: maybe(word),
  dial_attempts: fc.nat(3),
  answered_count: fc.nat(2),
  last_dial_attempt: maybe(fc.constantFrom(...TIMES)),
  dial_result: maybe(word),
  last_status_change: maybe(fc.constantFrom(...TIMES)),
  attempts_reset_at: fc.option(fc.constantFrom(...TIMES), { nil: null, freq: 4 }),
  calls: fc.array(fc.record({ started_at: fc.constantFrom(...TIMES), result: maybe(word), hangup_cause: maybe(cause) }), { maxLength: 4 }),
});

describeEachDialect('the SQL problem classifier equals the TypeScript rule', ({ h }) => {
  async function saveAliases(): Promise<SavedAliases> {
    await h.db.deleteFrom('status_aliases').execute();
    await h.db.insertInto('status_aliases').values(SAVED.map(([w, status]) => ({ word: w, status }))).execute();
    return loadSavedAliases(h.db, h.dialect);
  }

  it('reads single words as the catalogue does: status words, call results, hangup causes', async () => {
    const saved = await saveAliases();
    const words = new SqlWords(h.dialect, saved);
    await fc.assert(
      fc.asyncProperty(word, cause, async (w, c) => {
        const v = sql`cast(${w} as text)`;
        const row = (
          await sql<{ norm: string | null; form: string; answered: number; result: string; cause: string }>`select ${words.norm(v)} as norm,
            ${words.form(v, words.norm(v))} as form, ${words.answered(v)} as answered, ${words.callResult(v, sql`cast(${c} as text)`)} as result,
            ${hangupClass(h.dialect, sql`cast(${c} as text)`)} as cause`.execute(h.db)
        ).rows[0];
        const reading = readStatus(w, saved);
        const call = classifyCallResult(w, c, saved);
        expect({ ...row, answered: Number(row.answered) }).toEqual({
          norm: reading.status,
          form: reading.form[0],
          answered: isAnswered(call) ? 1 : 0,
          result: call,
          cause: classifyHangupCause(c),
        });
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('classifies and plans random leads as planFix does, and the fix writes exactly that', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(leadArb, { minLength: 1, maxLength: 12 }), async (seeds) => {
        await h.db.deleteFrom('operation_leads').execute();
        await h.db.deleteFrom('lead_status_audit').execute();
        await h.db.deleteFrom('call_logs').execute();
        await h.db.deleteFrom('leads').execute();
        const saved = await saveAliases();
        const campaign = (await h.db.selectFrom('campaigns').select('id').executeTakeFirst())?.id ?? (await makeCampaign(h, 'Prop'));
        const list = (await h.db.selectFrom('lead_lists').select('id').executeTakeFirst())?.id ?? (await makeList(h, campaign));
        const ids: number[] = [];
        let uuid = 0;
        for (const [i, { calls, ...lead }] of seeds.entries()) {
          const row = await h.db.insertInto('leads').values({ list_id: list, phone: `+1212555${1000 + i}`, first_name: 'P', last_name: 'Q', ...lead }).returning('id').executeTakeFirstOrThrow();
          ids.push(row.id);
          for (const call of calls) await h.db.insertInto('call_logs').values({ call_uuid: `q-${row.id}-${++uuid}`, lead_id: row.id, ...call }).execute();
        }

        // The reference: planFix over each lead and its calls, as the TypeScript rule reads them.
        const leads = await loadLeadsById(h.db, h.dialect, ids);
        const callsByLead = await loadCallsByLead(h.db, h.dialect, ids);
        const expected = new Map(
          ids.flatMap((id) => {
            const lead = leads.get(id)!;
            const plan = planFix(lead, summariseCalls(lead, callsByLead.get(id) ?? [], saved), NOW, saved);
            return plan ? [[id, { lead, plan }] as const] : [];
          }),
        );

        const q: PlanQuery = { dialect: h.dialect, words: new SqlWords(h.dialect, saved), scope: {}, afterId: 0, upTo: Math.max(...ids), nowIso: NOW, withPlan: true };
        const rows = (await sql<Record<string, unknown>>`${planSelect(q)}`.execute(h.db)).rows;
        const ms = (v: unknown) => (v === null || v === undefined ? null : Date.parse(String(v instanceof Date ? v.toISOString() : v)));
        const got = new Map(rows.map((r) => [Number(r.id), r]));
        expect([...got.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()]);
        for (const [id, { lead, plan }] of expected) {
          const r = got.get(id)!;
          const where = `lead ${id} ${JSON.stringify(lead)} calls ${JSON.stringify(callsByLead.get(id) ?? [])}`;
          expect({ cls: Number(r.cls), fixable: Number(r.fixable) === 1 }, where).toEqual({ cls: PROBLEM_CLASSES.indexOf(plan.problem) + 1, fixable: plan.fixable });
          expect(
            {
              status: r.new_status,
              dial_attempts: Number(r.new_dial_attempts),
              answered_count: Number(r.new_answered_count),
              last_dial_attempt: ms(r.new_last_dial_attempt),
              dial_result: r.new_dial_result,
              last_status_change: ms(r.new_last_status_change),
            },
            where,
          ).toEqual({ ...plan.next, last_dial_attempt: ms(plan.next.last_dial_attempt), last_status_change: ms(plan.next.last_status_change) });
          const changed = Object.keys(changedTracking(trackingOf(lead), plan.next)).length > 0;
          expect({ changed: Number(r.changed) === 1, status_changed: Number(r.status_changed) === 1 }, where).toEqual({ changed, status_changed: plan.statusChanged });
        }
        const report = (await sql<{ id: number; cls: number }>`${planSelect({ ...q, withPlan: false })}`.execute(h.db)).rows;
        expect(new Map(report.map((r) => [Number(r.id), Number(r.cls)]))).toEqual(new Map([...got].map(([id, r]) => [id, Number(r.cls)])));

        // The fix writes the planned values of the fixable, changed leads and nothing else.
        const fix = await new StatusService(h, fixedClock(NOW)).findAndFix({ mode: 'fix', batchSize: 5 });
        const after = await loadLeadsById(h.db, h.dialect, ids);
        let touched = 0;
        let audited = 0;
        for (const id of ids) {
          const want = expected.get(id);
          const writes = want && want.plan.fixable && Object.keys(changedTracking(trackingOf(want.lead), want.plan.next)).length > 0;
          if (writes) touched += 1;
          if (writes && want.plan.statusChanged) audited += 1;
          const is = trackingOf(after.get(id)!);
          const should = writes ? want.plan.next : trackingOf(leads.get(id)!);
          for (const f of TRACKING_FIELDS) {
            const norm = f === 'last_dial_attempt' || f === 'last_status_change' ? ms : (v: unknown) => v;
            expect(norm(is[f]), `lead ${id} ${f}`).toEqual(norm(should[f]));
          }
        }
        expect(fix.fixed).toBe(touched);
        const audits = await h.db.selectFrom('lead_status_audit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const undo = await h.db.selectFrom('operation_leads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect({ audits: Number(audits.n), undo: Number(undo.n) }).toEqual({ audits: audited, undo: touched });
      }),
      { numRuns: RUNS },
    );
  });
});
