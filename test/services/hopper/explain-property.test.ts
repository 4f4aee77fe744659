// Explain counts leads per group along indexes and reads only a few leads one by one
// (services/hopper/lead-rule-counts.ts). For random campaigns, lists, leads, DNC numbers, hopper
// rows and callbacks, its figures must equal a lead-by-lead count: every lead asked the rules
// (firstExclusion) on its own row. So must the dialable counts of hopper stats and the reports,
// which count through the same code.
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { EXCLUSION_RULES, type ExclusionRule } from '../../../shared/types/hopper';
import { fixedClock } from '../../../main/db/time';
import { ensurePhoneKeys } from '../../../main/db/query/phone-keys';
import { loadCampaignContext, timezoneState } from '../../../main/services/hopper/campaign-context';
import { callbackDue, firstExclusion } from '../../../main/services/hopper/eligibility';
import { dialableCount, dialableGroups, eligibleNowAndLater } from '../../../main/services/hopper/dialable-counts';
import { withCutoffsAt } from '../../../main/services/reports/runs-dry';
import { createServices } from '../../../main/services/create-services';
import { explainCampaign } from '../../../main/services/hopper/hopper-explain';
import { describeEachDialect, resetDatabase } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { makeCallback, makeRecycleRule } from '../../support/callback-fixtures';
import { NOON, addDnc, minutesBefore, queueRow } from '../../support/hopper-fixtures';

// At NOON UTC with the default 09:00–21:00 window: UTC and London open, Tokyo (21:00) and New York
// (07:00) closed, an invalid zone closed; NULL and '' mean the campaign's (UTC).
const ZONES = [null, '', 'Europe/London', 'Asia/Tokyo', 'America/New_York', 'Mars/Base'] as const;
const STATUSES = ['new', 'new', 'no_answer', 'busy', 'dropped', 'voicemail', 'callback', 'sale', 'dnc', null, '', 'NEW', 'XFER'] as const;

const leadArb = fc.record({
  second: fc.boolean(),
  status: fc.constantFrom(...STATUSES),
  attempts: fc.integer({ min: 0, max: 6 }),
  /** null: never dialed; -1: a last dial nobody can read. */
  minutesAgo: fc.option(fc.integer({ min: -1, max: 300 }), { nil: null }),
  zone: fc.constantFrom(...ZONES),
  dnc: fc.boolean(),
  unkeyed: fc.boolean(),
  queued: fc.boolean(),
  callback: fc.option(fc.record({ minutesAgo: fc.integer({ min: -60, max: 120 }), agent: fc.boolean(), done: fc.boolean() }), { nil: null }),
});
const settingsArb = fc.record({
  active: fc.boolean(),
  secondListActive: fc.boolean(),
  retry: fc.constantFrom(0, 30, 120),
  dropped: fc.constantFrom(0, 15),
  maxAttempts: fc.constantFrom(2, 5),
  handover: fc.constantFrom(0, 30),
  rule: fc.option(fc.record({ status: fc.constantFrom('busy', 'no_answer', 'dropped'), delay: fc.constantFrom(0, 60, 240), max: fc.integer({ min: 1, max: 4 }) }), { nil: null }),
});

interface LeadRow {
  id: number;
  list_id: number;
  status: string | null;
  timezone: string | null;
  last_dial_attempt: string | null;
  x: string | null;
  cb: number;
}

describeEachDialect('explain property', ({ h }) => {
  it('explain, stats and the dialable counts equal a lead-by-lead count', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(settingsArb, fc.array(leadArb, { maxLength: 24 }), async (s, leads) => {
        run += 1;
        await resetDatabase(h);
        const campaign = await makeCampaign(h, `C${run}`, {
          active: h.dialect.bool(s.active),
          timezone: 'UTC',
          retry_delay_minutes: s.retry,
          dropped_retry_delay_minutes: s.dropped,
          max_dial_attempts: s.maxAttempts,
          agent_callback_minutes: s.handover,
        });
        if (s.rule) await makeRecycleRule(h, campaign, s.rule.status, s.rule.delay, s.rule.max);
        const lists = [await makeList(h, campaign, 'A'), await makeList(h, campaign, 'B', s.secondListActive)];
        // A lead of another campaign, on the DNC list and queued: never counted here.
        const other = await makeLead(h, await makeList(h, await makeCampaign(h, `Other ${run}`), 'Other'), { phone: '+1 (999) 000-0000' });
        await addDnc(h, '+1 (999) 000-0000');
        await queueRow(h, campaign, other);
        const unreadable = h.dialect.timestampType === 'text' ? 'yesterday' : 'infinity';
        const unkeyed: number[] = [];
        for (const [i, l] of leads.entries()) {
          const phone = `+1 (212) 555-${String(1000 + i)}`;
          const id = await makeLead(h, lists[l.second ? 1 : 0], {
            phone,
            status: l.status,
            dial_attempts: l.attempts,
            last_dial_attempt: l.minutesAgo === null ? null : l.minutesAgo < 0 ? unreadable : minutesBefore(NOON, l.minutesAgo),
            timezone: l.zone,
          });
          if (l.dnc) await addDnc(h, phone);
          if (l.queued) await queueRow(h, campaign, id);
          if (l.unkeyed) unkeyed.push(id);
          if (l.callback) {
            const agent = l.callback.agent ? { scope: 'agent' as const, agent: 'ana' } : {};
            await makeCallback(h, id, minutesBefore(NOON, l.callback.minutesAgo), { ...agent, state: l.callback.done ? 'done' : 'pending' });
          }
        }
        await ensurePhoneKeys(h.db, h.dialect);
        // A phone key the console could not compute (SQLite keeps them NULL): counted as DNC.
        if (h.dialect.appFillsPhoneKeys && unkeyed.length > 0) await h.db.updateTable('leads').set({ phone_key: null as never }).where('id', 'in', unkeyed).execute();

        const now = new Date(NOON);
        const ctx = await loadCampaignContext(h.db, h.dialect, campaign, now);
        const rows = (
          await sql<LeadRow>`select leads.id, leads.list_id, leads.status, leads.timezone, leads.last_dial_attempt, ${firstExclusion(ctx)} as x,
              case when ${callbackDue(ctx)} then 1 else 0 end as cb
            from leads where leads.list_id in (${sql.join(lists)})`.execute(h.db)
        ).rows;
        // The counting itself: the service would key the phones first (ensurePhoneKeys).
        const explain = await explainCampaign(h.db, ctx);

        const count = (p: (r: LeadRow) => boolean) => rows.filter(p).length;
        expect(explain.total_leads).toBe(rows.length);
        expect(explain.eligible_now).toBe(count((r) => r.x === null));
        expect(explain.due_callbacks).toBe(count((r) => r.x === null && Number(r.cb) === 1));
        expect(Object.fromEntries(explain.excluded.map((e) => [e.rule, e.count]))).toEqual(Object.fromEntries(EXCLUSION_RULES.map((rule) => [rule, count((r) => r.x === rule)])));
        const zone = (r: LeadRow) => (r.timezone === null || r.timezone === '' ? 'UTC' : r.timezone);
        const zones = [...new Set(rows.map(zone))].sort();
        expect(explain.timezones!.map((z) => [z.timezone, z.leads])).toEqual(zones.map((z) => [z, count((r) => zone(r) === z)]));

        // When the first lead each timing rule holds back becomes eligible (by time alone).
        const delayOf = (status: string | null) => (s.rule && s.rule.status === status ? s.rule.delay : status === 'dropped' ? s.dropped : s.retry);
        const earliest = (times: number[]) => {
          const finite = times.filter(Number.isFinite);
          return finite.length === 0 ? null : new Date(Math.min(...finite)).toISOString();
        };
        const expectedNext: Partial<Record<ExclusionRule, string | null>> = {
          retry_delay: earliest(rows.filter((r) => r.x === 'retry_delay').map((r) => Date.parse(r.last_dial_attempt ?? '') + delayOf(r.status) * 60_000)),
          recycle_rule_delay: earliest(rows.filter((r) => r.x === 'recycle_rule_delay').map((r) => Date.parse(r.last_dial_attempt ?? '') + delayOf(r.status) * 60_000)),
          outside_calling_hours: earliest(
            rows.filter((r) => r.x === 'outside_calling_hours').map((r) => Date.parse(timezoneState(zone(r), ctx.window, now).next_open_at ?? '')),
          ),
        };
        for (const [rule, at] of Object.entries(expectedNext)) expect([rule, explain.excluded.find((e) => e.rule === rule)!.next_eligible_at]).toEqual([rule, at]);

        // Hopper stats' eligible now, the reports' dialable figures (queued leads count as dialable there).
        const eligibleNow = count((r) => r.x === null);
        expect(await dialableCount(h.db, ctx, { includeQueued: false })).toBe(eligibleNow);
        expect(await dialableCount(h.db, ctx, { includeQueued: true })).toBe(eligibleNow + count((r) => r.x === 'already_queued'));
        const stillUnkeyed = h.dialect.appFillsPhoneKeys && unkeyed.length > 0;
        if (s.active && !stillUnkeyed) expect((await createServices(h, fixedClock(NOON)).hopper.stats(campaign)).eligible_now).toBe(eligibleNow);
        const key = (status: string | null, timezone: string | null) => JSON.stringify([status, timezone]);
        const perGroup = new Map<string, number>();
        for (const r of rows) if (r.list_id === lists[0] && (r.x === null || r.x === 'already_queued')) perGroup.set(key(r.status, r.timezone), (perGroup.get(key(r.status, r.timezone)) ?? 0) + 1);
        const groups = await dialableGroups(h.db, ctx, { listIds: [lists[0]], includeQueued: true });
        const got = new Map<string, number>();
        for (const g of groups) if (g.n > 0) got.set(key(g.status, g.timezone), (got.get(key(g.status, g.timezone)) ?? 0) + g.n);
        expect(got).toEqual(perGroup);

        // The live view's two counts in one (step 1 shared): eligible now, and dialable three hours
        // on with the delays and callbacks moved there (the window as now), each lead asked alone.
        const later = withCutoffsAt(ctx, new Date(now.getTime() + 180 * 60_000));
        const laterRows = (await sql<{ x: string | null }>`select ${firstExclusion(later)} as x from leads where leads.list_id in (${sql.join(lists)})`.execute(h.db)).rows;
        const dialableLater = laterRows.filter((r) => r.x === null || r.x === 'already_queued').length;
        expect(await eligibleNowAndLater(h.db, ctx, later)).toEqual({ now: eligibleNow, later: s.active ? dialableLater : 0 });
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
