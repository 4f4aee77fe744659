// Issue 21 item 18: the audit a page at a time (keyset on the id), filtered also by lead, phone
// and date range, and the CSV holding what the filter shows.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { createServices, type Services } from '../../../main/services/create-services';
import { firstIdAtOrAfter } from '../../../main/services/audit/audit-time-bounds';
import { describeEachDialect } from '../../support/databases';
import { at, makeCampaign, makeLead, makeList } from '../../support/fixtures';

describeEachDialect('audit pages and filters', ({ h }) => {
  let s: Services;
  let ann: number;
  let bob: number;
  beforeAll(() => {
    s = createServices(h, fixedClock(at(23)));
  });
  beforeEach(async () => {
    const list = await makeList(h, await makeCampaign(h));
    ann = await makeLead(h, list, { phone: '+1 (212) 555-0101' });
    bob = await makeLead(h, list, { phone: '312-555-0199' });
    // One change every half hour from 00:00 to 11:30, alternating between the two leads.
    const rows = Array.from({ length: 24 }, (_, i) => ({
      lead_id: i % 2 === 0 ? ann : bob,
      old_status: 'new',
      new_status: 'busy',
      source: 'call' as const,
      operation_id: null,
      reason: null,
      created_at: at(Math.floor(i / 2), (i % 2) * 30),
    }));
    await h.db.insertInto('lead_status_audit').values(rows).execute();
  });

  it('pages newest first with beforeId: consecutive pages, none repeated, none missed', async () => {
    const seen: number[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await s.audit.list({ limit: 7, beforeId });
      if (page.length === 0) break;
      seen.push(...page.map((r) => r.id));
      beforeId = page.at(-1)!.id;
    }
    expect(seen).toHaveLength(24);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(24);
  });

  it('filters by lead id and by phone in any spelling or its last digits', async () => {
    expect((await s.audit.list({ leadId: ann, limit: 100 })).map((r) => r.lead_id)).toEqual(Array(12).fill(ann));
    expect((await s.audit.list({ phone: '212.555.0101', limit: 100 })).every((r) => r.lead_id === ann)).toBe(true);
    expect(await s.audit.list({ phone: '(312) 555 0199', limit: 100 })).toHaveLength(12);
    expect((await s.audit.list({ phone: '0199', limit: 5 })).map((r) => r.lead_id)).toEqual(Array(5).fill(bob));
    expect(await s.audit.list({ phone: '999 9999', limit: 5 })).toEqual([]);
    // A lead and a phone that are not the same lead: nothing.
    expect(await s.audit.list({ phone: '0199', leadId: ann, limit: 5 })).toEqual([]);
    await expect(s.audit.list({ phone: '12', limit: 5 })).rejects.toThrow(/at least 4 digits/);
  });

  it('filters by a date range (from included, to excluded), also with gaps in the ids, and pages inside it', async () => {
    const times = async (f: { from?: string; to?: string; beforeId?: number; limit?: number }) =>
      (await s.audit.list({ limit: 100, ...f })).map((r) => new Date(r.created_at).toISOString());
    expect(await times({ from: at(3), to: at(5) })).toEqual([at(4, 30), at(4), at(3, 30), at(3)]);
    expect(await times({ from: at(10, 45) })).toEqual([at(11, 30), at(11)]);
    expect(await times({ to: at(0, 30) })).toEqual([at(0)]);
    expect(await times({ from: at(12) })).toEqual([]);
    expect(await times({ to: at(0) })).toEqual([]);
    // Rows deleted in the middle: the search over the ids still lands on the right rows.
    await h.db.deleteFrom('lead_status_audit').where('created_at', '>=', at(3)).where('created_at', '<', at(4)).execute();
    expect(await times({ from: at(2, 30), to: at(4, 30) })).toEqual([at(4), at(2, 30)]);
    expect(await times({ from: at(3), to: at(4) })).toEqual([]);
    const page = await s.audit.list({ from: at(1), to: at(9), limit: 3 });
    expect(await times({ from: at(1), to: at(9), beforeId: page.at(-1)!.id, limit: 2 })).toEqual([at(7), at(6, 30)]);
    await expect(s.audit.list({ from: at(5), to: at(5), limit: 5 })).rejects.toThrow(/ends before it starts/);
  });

  it('finds the first id of a time by a search over the ids', async () => {
    const first = await firstIdAtOrAfter(h.db, at(6));
    const row = await h.db.selectFrom('lead_status_audit').select('created_at').where('id', '=', first!).executeTakeFirstOrThrow();
    expect(new Date(row.created_at).toISOString()).toBe(at(6));
    expect(await firstIdAtOrAfter(h.db, at(12))).toBeNull();
    await h.db.deleteFrom('lead_status_audit').execute();
    expect(await firstIdAtOrAfter(h.db, at(0))).toBeNull();
  });

  it('exports every row of the filter shown (not one page), named after it', async () => {
    const out = await s.audit.exportCsv({ leadId: bob, from: at(2), to: at(6), limit: 1 });
    expect(out.filename).toBe(`audit-lead-${bob}-from-${at(2).slice(0, 10)}-to-${at(6).slice(0, 10)}-${at(23).slice(0, 10)}.csv`);
    const lines = out.csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).every((l) => l.split(',')[2] === String(bob))).toBe(true);
    const byPhone = await s.audit.exportCsv({ phone: '0101', limit: 1 });
    expect(byPhone.filename).toMatch(/^audit-phone-0101-/);
    expect(byPhone.csv.trimEnd().split('\r\n')).toHaveLength(1 + 12);
  });
});
