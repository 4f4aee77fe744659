import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { createServices, type Services } from '../../../main/services/create-services';
import { csvCell, toCsv } from '../../../main/services/audit/csv';
import { describeEachDialect } from '../../support/databases';
import { at, makeCampaign, makeLead, makeList } from '../../support/fixtures';

describe('csv', () => {
  it('quotes separators, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});

describeEachDialect('audit and campaigns', ({ h }) => {
  let s: Services;
  let listA: number;
  let listB: number;
  beforeAll(async () => {
    s = createServices(h, fixedClock(at(20)));
  });
  beforeEach(async () => {
    const c = await makeCampaign(h, 'Solar');
    listA = await makeList(h, c, 'A');
    listB = await makeList(h, c, 'B', false);
  });

  it('lists campaign and list summaries with lead counts', async () => {
    await makeLead(h, listA);
    await makeLead(h, listA);
    const [c] = await s.campaigns.list();
    expect(c).toMatchObject({ name: 'Solar', active: true });
    expect(c.lists).toEqual([
      { id: listA, campaign_id: c.id, name: 'A', active: true, leads: 2 },
      { id: listB, campaign_id: c.id, name: 'B', active: false, leads: 0 },
    ]);
  });

  it('filters by list, source and operation, newest first, pages with beforeId, exports CSV', async () => {
    const a = await makeLead(h, listA, { status: 'no_answer' });
    const b = await makeLead(h, listB, { status: '=cmd|calc' });
    const r = await s.recycling.recycle({ listId: listA, statuses: ['no_answer'], targetStatus: 'new', resetDialCount: false });
    await s.recycling.recycle({ listId: listB, statuses: ['=cmd|calc'], targetStatus: 'new', resetDialCount: false });
    await h.db.insertInto('lead_status_audit').values({ lead_id: a, old_status: 'new', new_status: 'busy', source: 'call', operation_id: null, reason: null }).execute();
    const all = await s.audit.list({ limit: 10 });
    expect(all.map((x) => x.id)).toEqual([3, 2, 1]);
    expect((await s.audit.list({ listId: listA, limit: 10 })).map((x) => x.lead_id)).toEqual([a, a]);
    expect((await s.audit.list({ source: 'recycle', limit: 10 })).map((x) => x.lead_id)).toEqual([b, a]);
    expect((await s.audit.list({ operationId: r.operation_id, limit: 10 })).map((x) => [x.lead_id, x.list_id, x.old_status])).toEqual([[a, listA, 'no_answer']]);
    expect((await s.audit.list({ limit: 1, beforeId: 3 })).map((x) => x.id)).toEqual([2]);
    const out = await s.audit.exportCsv({ listId: listB, limit: 1 });
    expect(out.filename).toBe(`audit-list-${listB}-${at(20).slice(0, 10)}.csv`);
    const lines = out.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,created_at,lead_id,list_id,old_status,new_status,source,operation_id,reason');
    expect(lines[1]).toContain(`,${b},${listB},'=cmd|calc,new,recycle,`);
  });
});
