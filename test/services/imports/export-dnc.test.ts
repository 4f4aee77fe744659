// Export of a list (round trip through import, inert formulas) and the DNC list, on each database.
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { beforeEach, expect, it } from 'vitest';
import type { DbHandle } from '../../../main/db/open-database';
import { fixedClock } from '../../../main/db/time';
import { createServices, type Services } from '../../../main/services/create-services';
import { exportLeads } from '../../../main/services/exports/export-leads';
import { snapshotTables as dumpTables } from '../../support/table-snapshot';
import { describeEachDialect } from '../../support/databases';
import { at, makeCampaign, makeLead, makeList } from '../../support/fixtures';
import { addDnc, csvFile, leadsOf } from './support';

async function exportText(h: DbHandle, listId: number, statuses?: (string | null)[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c) => chunks.push(c));
  await exportLeads(h, { listId, statuses }, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describeEachDialect('export and DNC', ({ h }) => {
  let s: Services;
  let campaignId: number;
  let listId: number;
  beforeEach(async () => {
    s = createServices(h, fixedClock(at(10)));
    campaignId = await makeCampaign(h);
    listId = await makeList(h, campaignId);
  });

  it('exports inert cells that load back as they were', async () => {
    const odd = [
      { phone: '+1 (212) 555-0101', first_name: '=HYPERLINK("http://evil.example","click")', last_name: 'O"Brien, Jr.', timezone: 'America/New_York' },
      { phone: '2125550102', first_name: '@SUM(A1)', last_name: 'two\nlines', timezone: null },
      { phone: '-2125550103', first_name: null, last_name: ' spaced ', timezone: 'Europe/Paris' },
      { phone: '2125550101', first_name: 'same phone', last_name: 'as the first', timezone: null },
    ];
    for (const [i, lead] of odd.entries()) {
      const id = await makeLead(h, listId, { phone: lead.phone, status: i === 1 ? null : 'no_answer', timezone: lead.timezone });
      await h.db.updateTable('leads').set({ first_name: lead.first_name, last_name: lead.last_name }).where('id', '=', id).execute();
    }
    const text = await exportText(h, listId);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const cells = (parse(text) as string[][]).flat();
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);

    const target = await makeList(h, campaignId, 'copy');
    const report = await s.imports.import({ listId: target, file: csvFile(text), dedupe: 'none', dryRun: false });
    expect(report).toMatchObject({ rows: 4, imported: 4 });
    expect(report.ignored_columns).toEqual(['status', 'dial_attempts', 'last_dial_attempt', 'id', 'created_at']);
    const strip = (rows: Awaited<ReturnType<typeof leadsOf>>) => rows.map(({ phone, first_name, last_name, timezone }) => ({ phone, first_name, last_name: last_name?.trim() ?? null, timezone }));
    expect(strip(await leadsOf(h, target))).toEqual(strip(await leadsOf(h, listId)));
  });

  it('exports chosen statuses only, NULL included on request', async () => {
    await makeLead(h, listId, { phone: '2125550201', status: 'busy' });
    await makeLead(h, listId, { phone: '2125550202', status: null });
    await makeLead(h, listId, { phone: '2125550203', status: 'sale' });
    const phones = async (statuses: (string | null)[]) => (parse(await exportText(h, listId, statuses), { columns: true }) as { phone: string }[]).map((r) => r.phone);
    expect(await phones(['busy', null])).toEqual(['2125550201', '2125550202']);
    expect(await phones(['sale'])).toEqual(['2125550203']);
    expect(await phones([])).toHaveLength(3);
    await expect(exportText(h, 999)).rejects.toThrow(/List 999 does not exist/);
  });

  it('adds a number: its leads leave the hopper in any spelling, statuses stay', async () => {
    const lead = await makeLead(h, listId, { phone: '+1 (212) 555-0301', status: 'no_answer' });
    const other = await makeLead(h, listId, { phone: '2125550302' });
    await h.db.insertInto('dialer_hopper').values([{ campaign_id: campaignId, lead_id: lead }, { campaign_id: campaignId, lead_id: other }]).execute();
    expect(await s.dnc.add(' +1 212.555.0301 ', 'ann')).toEqual({ phone: '+1 212.555.0301', added: true, hopper_rows_removed: 1 });
    expect((await h.db.selectFrom('dialer_hopper').select('lead_id').execute()).map((r) => r.lead_id)).toEqual([other]);
    expect((await leadsOf(h, listId))[0].status).toBe('no_answer');
    expect(await s.dnc.add('+12125550301', 'ann')).toMatchObject({ added: false });
    expect((await s.dnc.check('+1 (212) 555 0301')).matches.map((m) => m.phone)).toEqual(['+1 212.555.0301']);
    expect((await s.dnc.check('12125550301')).listed).toBe(false);
    await expect(s.dnc.add('12', 'ann')).rejects.toThrow(/7 to 15 digits/);
    const changes = await s.dnc.recentChanges();
    expect(changes.map((c) => [c.phone, c.action, c.changed_by])).toEqual([['+1 212.555.0301', 'add', 'ann']]);
  });

  it('removes a number only with a reason, every spelling of it', async () => {
    await addDnc(h, '+1 (212) 555-0401');
    await addDnc(h, '+1 212 555 0401');
    expect((await s.dnc.check('+1 212 555-0401')).matches).toHaveLength(2);
    await s.dnc.add('+12125550401', 'bo'); // listed already; SQLite: fills the phone keys (upkeep, not a change)
    const before = await dumpTables(h);
    await expect(s.dnc.remove('+12125550401', '  ', 'bo')).rejects.toThrow(/needs a reason/);
    await expect(s.dnc.remove('2125550499', 'asked twice', 'bo')).rejects.toThrow(/does not exist/);
    expect(await dumpTables(h)).toEqual(before);
    expect((await s.dnc.remove('+12125550401', 'customer asked again', 'bo')).removed.sort()).toEqual(['+1 (212) 555-0401', '+1 212 555 0401']);
    expect((await s.dnc.check('+12125550401')).listed).toBe(false);
    expect((await s.dnc.recentChanges()).map((c) => [c.action, c.reason])).toEqual([
      ['remove', 'customer asked again'],
      ['remove', 'customer asked again'],
    ]);
  });

  it('imports a file of numbers with or without a header, and exports the list', async () => {
    await addDnc(h, '2125550501');
    const lead = await makeLead(h, listId, { phone: '212-555-0502' });
    await h.db.insertInto('dialer_hopper').values({ campaign_id: campaignId, lead_id: lead }).execute();
    const withHeader = await s.dnc.importFile(csvFile('name;Phone Number\nA;2125550501\nB;(212) 555-0502\nC;212.555.0502\nD;call me\nE;2125550503\n'), 'cli');
    expect(withHeader).toEqual({ rows: 5, added: 2, already_listed: 1, duplicates: 1, invalid: 1, first_invalid_rows: [4], hopper_rows_removed: 1 });
    const bare = await s.dnc.importFile(csvFile('2125550504\n2125550503\n'), 'cli');
    expect(bare).toMatchObject({ rows: 2, added: 1, already_listed: 1 });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    expect(await s.dnc.export(out)).toEqual({ rows: 4 });
    const rows = parse(Buffer.concat(chunks).toString('utf8'), { columns: true }) as { phone: string }[];
    expect(rows.map((r) => r.phone).sort()).toEqual(['(212) 555-0502', '2125550501', '2125550503', '2125550504']);
    expect((await s.dnc.recentChanges(10)).filter((c) => c.action === 'add')).toHaveLength(3);
  });
});
