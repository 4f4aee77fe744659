// Penetration of a list against a hand-built list whose every figure is counted by hand below.
import { beforeEach, expect, it } from 'vitest';
import type { HopperExplain } from '../../../shared/types/hopper';
import type { PenetrationReport } from '../../../shared/types/reports';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { NOON, addDnc, hopperAt, minutesBefore, queueRow } from '../../support/hopper-fixtures';
import { makeCallback, makeRecycleRule } from '../../support/callback-fixtures';
import { reportsAt } from '../../support/report-fixtures';

const queuedOf = (e: HopperExplain) => e.excluded.find((x) => x.rule === 'already_queued')!.count;
const row = (r: PenetrationReport, status: string | null) => r.statuses.find((s) => s.status === status);

describeEachDialect('penetration of a list', ({ h }) => {
  let campaign: number;
  let list: number;
  const dialed = (attempts: number, minutesAgo = 600) => ({ dial_attempts: attempts, last_dial_attempt: minutesBefore(NOON, minutesAgo) });

  beforeEach(async () => {
    // UTC campaign, window 09:00–21:00, at most 3 attempts, 240 minutes between dials; NOON is 12:00 UTC.
    campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC', max_dial_attempts: 3 });
    list = await makeList(h, campaign);
    await makeLead(h, list); // new, dialable
    await makeLead(h, list, { timezone: 'America/New_York' }); // new, 07:00 in New York: window closed
    await makeLead(h, list, { status: 'no_answer', ...dialed(1) }); // dialable
    await makeLead(h, list, { status: 'no_answer', ...dialed(2, 60) }); // retry delay not over
    await makeLead(h, list, { status: 'busy', ...dialed(3) }); // at the maximum: done
    await makeLead(h, list, { status: 'busy', ...dialed(5) }); // above it: done, last bucket
    await makeLead(h, list, { status: 'sale', ...dialed(1) }); // final: done
    await makeLead(h, list, { status: 'dnc', ...dialed(2) }); // final: done
    await makeLead(h, list, { status: null }); // blank
    await makeLead(h, list, { status: 'NA', ...dialed(1) }); // alias of no_answer: counted there, not dialable (fix first)
    await makeLead(h, list, { status: 'XFER', ...dialed(1) }); // unknown word, as stored
    const queued = await makeLead(h, list); // new, in the hopper
    await queueRow(h, campaign, queued);
    await makeLead(h, list, { status: 'no_answer', phone: '+12125550199', ...dialed(1) }); // phone on the DNC list
    await addDnc(h, '+1 212 555 0199');
    const promised = await makeLead(h, list, { status: 'callback', ...dialed(1) }); // worked, but a callback is due
    await makeCallback(h, promised, minutesBefore(NOON, 60));
    await makeLead(h, list, { timezone: 'Europe/London' }); // new, 12:00 in London: open
  });

  it('counts every figure per status, in total, per attempts and per timezone', async () => {
    const r = await reportsAt(h, NOON).penetration(list);
    expect(r.statuses).toEqual([
      { status: 'new', leads: 4, called: 0, not_called: 4, dialable: 3 },
      { status: 'no_answer', leads: 4, called: 4, not_called: 0, dialable: 1 },
      { status: 'busy', leads: 2, called: 2, not_called: 0, dialable: 0 },
      { status: null, leads: 1, called: 0, not_called: 1, dialable: 0 },
      { status: 'callback', leads: 1, called: 1, not_called: 0, dialable: 1 },
      { status: 'dnc', leads: 1, called: 1, not_called: 0, dialable: 0 },
      { status: 'sale', leads: 1, called: 1, not_called: 0, dialable: 0 },
      { status: 'XFER', leads: 1, called: 1, not_called: 0, dialable: 0 },
    ]);
    expect(r.totals).toEqual({ leads: 15, called: 10, not_called: 5, dialable: 5 });
    expect([r.done, r.penetration]).toEqual([4, 0.266667]);
    expect(r.attempts_histogram).toEqual([
      { attempts: 0, leads: 5 },
      { attempts: 1, leads: 6 },
      { attempts: 2, leads: 2 },
      { attempts: 3, leads: 2 },
    ]);
    expect(r.timezones).toEqual([
      { timezone: 'UTC', leads: 13, called: 10, dialable: 4, window_open: true },
      { timezone: 'America/New_York', leads: 1, called: 0, dialable: 0, window_open: false },
      { timezone: 'Europe/London', leads: 1, called: 0, dialable: 1, window_open: true },
    ]);
    expect([r.list_id, r.campaign_id, r.max_dial_attempts, r.now]).toEqual([list, campaign, 3, NOON]);
  });

  it("dialable is explain's eligible plus queued, now and at another time", async () => {
    for (const now of [NOON, '2026-11-24T02:00:00.000Z', '2026-11-24T16:30:00.000Z']) {
      const r = await reportsAt(h, NOON).penetration(list, now);
      const e = await hopperAt(h, now).explain(campaign);
      expect(r.totals.dialable, now).toBe(e.eligible_now + queuedOf(e));
    }
    // 02:00 UTC: every window is closed, the queued lead too is outside its hours.
    const night = await reportsAt(h, NOON).penetration(list, '2026-11-24T02:00:00.000Z');
    expect(night.totals.dialable).toBe(0);
    expect(night.timezones.map((z) => z.window_open)).toEqual([false, false, false]);
  });

  it("the last bucket holds the campaign's maximum and above; a recycle rule's cap makes leads done", async () => {
    await makeLead(h, list, { status: 'no_answer', ...dialed(40) });
    let r = await reportsAt(h, NOON).penetration(list);
    expect(r.attempts_histogram.at(-1)).toEqual({ attempts: 3, leads: 3 });
    expect(r.done).toBe(5);
    // At most 2 attempts for no_answer: the lead with 2 becomes done too.
    await makeRecycleRule(h, campaign, 'no_answer', 240, 2);
    r = await reportsAt(h, NOON).penetration(list);
    expect(r.done).toBe(6);
    expect(row(r, 'no_answer')).toMatchObject({ leads: 5, dialable: 1 });
  });

  it('a list turned off has nothing dialable; an empty list reads 0; a missing list is refused', async () => {
    await h.db.updateTable('lead_lists').set({ active: h.dialect.bool(false) }).where('id', '=', list).execute();
    expect((await reportsAt(h, NOON).penetration(list)).totals).toMatchObject({ leads: 15, dialable: 0 });
    const empty = await reportsAt(h, NOON).penetration(await makeList(h, campaign, 'Empty'));
    expect([empty.totals, empty.penetration, empty.statuses, empty.timezones]).toEqual([{ leads: 0, called: 0, not_called: 0, dialable: 0 }, 0, [], []]);
    expect(empty.attempts_histogram.map((b) => b.leads)).toEqual([0, 0, 0, 0]);
    await expect(reportsAt(h, NOON).penetration(987_654)).rejects.toThrow(/List 987654 does not exist/);
  });

  it('as CSV: a table per part, the histogram last bucket marked', async () => {
    const { csv, filename, rows } = await reportsAt(h, NOON).penetrationCsv(list);
    expect(filename).toBe(`penetration-list-${list}-2026-11-24.csv`);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('list_id,list_name,campaign_id,now,done,penetration');
    expect(lines).toContain('status,leads,called,not_called,dialable');
    expect(lines).toContain('(blank),1,0,1,0');
    expect(lines).toContain('total,15,10,5,5');
    expect(lines).toContain('3+,2');
    expect(lines).toContain('America/New_York,1,0,0,no');
    expect(rows).toBe(1 + 9 + 4 + 3);
  });
});
