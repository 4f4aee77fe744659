// Import of a vendor file (domain.md "Loading and exporting leads") on each database: each
// outcome and their order, the file shapes vendors send, every dedupe scope, DNC spellings,
// the dry run, and batches.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../main/db/open-database';
import { fixedClock } from '../../main/db/time';
import { BATCH } from '../../main/services/imports/import-leads';
import { createServices, type Services } from '../../main/services/create-services';
import type { DedupeScope } from '../../shared/types/imports';
import { dumpTables } from '../reliability/harness/table-dump';
import { DIALECTS, openTestDatabase, resetDatabase } from '../support/databases';
import { at, makeCampaign, makeLead, makeList } from '../support/fixtures';
import { addDnc, csvFile, leadsOf } from './support';

for (const dialect of DIALECTS) {
  describe(`import of leads [${dialect}]`, () => {
    let h: DbHandle;
    let s: Services;
    let listId: number;
    let campaignId: number;
    beforeAll(async () => {
      h = await openTestDatabase(dialect);
      s = createServices(h, fixedClock(at(10)));
    });
    afterAll(() => h.close());
    beforeEach(async () => {
      await resetDatabase(h);
      campaignId = await makeCampaign(h);
      listId = await makeList(h, campaignId);
    });

    const run = (text: string, dedupe: DedupeScope = 'campaign', dryRun = false, target = listId) =>
      s.imports.import({ listId: target, file: csvFile(text), dedupe, dryRun });

    it('gives each row one outcome, in the domain order', async () => {
      await addDnc(h, '+1 (212) 555-0199');
      await makeLead(h, listId, { phone: '2125550300' });
      const report = await run(
        [
          'phone,first_name,last_name,timezone',
          ',Empty,phone,Not/AZone', // 1 missing beats a bad timezone
          '   ,Blank,phone,', // 2 missing
          '12-34,Short,+1,Mars/Base', // 3 invalid phone beats a bad timezone
          '1234567890123456,Long,,', // 4 invalid: 16 digits
          '+12125550199,Bad,zone,Mars/Base', // 5 bad timezone beats DNC
          '+12125550199,On,dnc,', // 6 dnc
          '2125550300,Already,here,', // 7 duplicate of a lead
          ' 2125550400 ,New,Lead,Europe/Paris', // 8 imported
          '(212) 555-0400,Same,again,', // 9 duplicate of row 8
          '+12125550199,dnc,twice,', // 10 dnc beats duplicate
          '1234567,Seven,digits,', // 11 imported: 7 digits is enough
        ].join('\n'),
      );
      expect(report).toMatchObject({
        rows: 11,
        imported: 2,
        outcomes: { missing_phone: 2, invalid_phone: 2, invalid_timezone: 1, dnc: 2, duplicate: 2 },
        first_rows: { missing_phone: [1, 2], invalid_phone: [3, 4], invalid_timezone: [5], dnc: [6, 10], duplicate: [7, 9], imported: [8, 11] },
        ignored_columns: [],
      });
      const leads = await leadsOf(h, listId);
      expect(leads.slice(1)).toEqual([
        { phone: '2125550400', first_name: 'New', last_name: 'Lead', timezone: 'Europe/Paris', status: 'new', dial_attempts: 0 },
        { phone: '1234567', first_name: 'Seven', last_name: 'digits', timezone: null, status: 'new', dial_attempts: 0 },
      ]);
    });

    it('is one import operation with one audit row per lead', async () => {
      const report = await run('phone\n2125550001\n2125550002\n1\n');
      const op = await h.db.selectFrom('operations').selectAll().where('id', '=', report.operation_id!).executeTakeFirstOrThrow();
      expect(op).toMatchObject({ kind: 'import', list_id: listId, campaign_id: campaignId, state: 'done' });
      expect(JSON.parse(op.summary!)).toMatchObject({ imported: 2, rows: 3 });
      const audit = await h.db.selectFrom('lead_status_audit').selectAll().orderBy('id').execute();
      expect(audit.map((a) => [a.old_status, a.new_status, a.source, a.operation_id])).toEqual([
        [null, 'new', 'import', report.operation_id],
        [null, 'new', 'import', report.operation_id],
      ]);
    });

    it('reads BOM, semicolon and tab files alike, with quotes and newlines in cells and blank lines', async () => {
      const rows = [
        ['Phone Number', 'First_Name', 'last_name', 'notes'],
        ['+1 212 555 0101', 'Ann, "Annie"', 'Lee;Smith', 'line one\nline two'],
        ['2125550102', 'Bob\tTab', 'Ng', ''],
      ];
      const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
      const files: [string, string | Buffer][] = [
        ['comma', rows.map((r) => r.map(quote).join(',')).join('\r\n')],
        ['semicolon + BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n\n' + rows.map((r) => r.map(quote).join(';')).join('\n\n\n') + '\n')])],
        ['tab', rows.map((r) => r.map(quote).join('\t')).join('\n') + '\n\t\t\t\n'],
      ];
      for (const [name, text] of files) {
        await resetDatabase(h);
        listId = await makeList(h, await makeCampaign(h));
        const report = await s.imports.import({ listId, file: csvFile(text), dedupe: 'campaign', dryRun: false });
        expect(report, name).toMatchObject({ rows: 2, imported: 2, ignored_columns: ['notes'] });
        expect(await leadsOf(h, listId), name).toEqual([
          { phone: '+1 212 555 0101', first_name: 'Ann, "Annie"', last_name: 'Lee;Smith', timezone: null, status: 'new', dial_attempts: 0 },
          { phone: '2125550102', first_name: 'Bob\tTab', last_name: 'Ng', timezone: null, status: 'new', dial_attempts: 0 },
        ]);
      }
      expect((await run('\uFEFFphone;x\n2125550103;1')).delimiter).toBe(';');
      expect((await run('phone\tx\n2125550104\t1')).delimiter).toBe('\t');
    });

    it('matches headers in any case with spaces around, and refuses a file without a phone column', async () => {
      const report = await run('  MOBILE ,  First_NAME,LAST_name , TIMEZONE ,Phone\n2125550105,Al,Bo,UTC,999\n');
      expect(report).toMatchObject({ imported: 1, ignored_columns: ['Phone'] });
      expect((await leadsOf(h, listId))[0]).toMatchObject({ phone: '2125550105', first_name: 'Al', last_name: 'Bo', timezone: 'UTC' });
      const before = await dumpTables(h);
      await expect(run('name,city\nAl,Paris\n')).rejects.toThrow(/no phone column.*Nothing was imported/);
      await expect(run('')).rejects.toThrow(/empty/);
      await expect(s.imports.import({ listId: 999, file: csvFile('phone\n2125550105'), dedupe: 'list', dryRun: false })).rejects.toThrow(/List 999 does not exist/);
      expect(await dumpTables(h)).toEqual(before);
    });

    it('dedupes by list, campaign, all lists or not at all', async () => {
      const expected: Record<DedupeScope, { duplicate: number[]; imported: number }> = {
        list: { duplicate: [1, 5], imported: 3 },
        campaign: { duplicate: [1, 2, 5], imported: 2 },
        all: { duplicate: [1, 2, 3, 5], imported: 1 },
        none: { duplicate: [], imported: 5 },
      };
      for (const dedupe of ['list', 'campaign', 'all', 'none'] as const) {
        await resetDatabase(h);
        const campaign = await makeCampaign(h, 'A');
        const target = await makeList(h, campaign, 'target');
        await makeLead(h, target, { phone: '+1 212 555 0001' });
        await makeLead(h, await makeList(h, campaign, 'sister'), { phone: '2125550002' });
        await makeLead(h, await makeList(h, await makeCampaign(h, 'B'), 'other'), { phone: '(212) 555-0003' });
        const report = await run('phone\n+12125550001\n212.555.0002\n2125550003\n2125550004\n212-555-0004\n', dedupe, false, target);
        expect(report.first_rows.duplicate, dedupe).toEqual(expected[dedupe].duplicate);
        expect(report.imported, dedupe).toBe(expected[dedupe].imported);
      }
    });

    it('finds a DNC number in any spelling, and keeps a leading +', async () => {
      await addDnc(h, '+1 (212) 555-0199');
      await addDnc(h, '212 555 0198');
      const report = await run('phone\n+12125550199\n+1.212.555.0199\n "+1 212 555 0199" \n12125550199\n2125550198\n(212) 555-0198\n+2125550198\n');
      expect(report.first_rows.dnc).toEqual([1, 2, 3, 5, 6]);
      expect(report.first_rows.imported).toEqual([4, 7]);
    });

    it('dry run: the same figures, and nothing changes', async () => {
      await addDnc(h, '2125550999');
      await makeLead(h, listId, { phone: '2125550001' });
      const text = 'phone,timezone\n2125550001,\n2125550002,\n2125550002,\n2125550999,\nabc,\n2125550003,Nowhere\n';
      const before = await dumpTables(h);
      const dry = await run(text, 'campaign', true);
      expect(await dumpTables(h)).toEqual(before);
      const real = await run(text, 'campaign');
      expect({ ...dry, dry_run: false, operation_id: real.operation_id }).toEqual(real);
      expect(dry.operation_id).toBeNull();
    });

    it('dedupes across batches the same way in a dry run and a real import', async () => {
      const lines = ['phone'];
      const n = BATCH * 2 + 500;
      // Every 7th row repeats a phone from about one batch earlier.
      for (let i = 0; i < n; i++) lines.push(i % 7 === 6 && i > BATCH ? `+1 212 4${String(i - BATCH + 3).padStart(6, '0')}` : `+12124${String(i).padStart(6, '0')}`);
      const text = lines.join('\n');
      const dry = await run(text, 'list', true);
      const progress: number[] = [];
      const real = await s.imports.import({ listId, file: csvFile(text), dedupe: 'list', dryRun: false }, { onProgress: (p) => progress.push(p.done / p.total) });
      expect(real.rows).toBe(n);
      expect(real.outcomes.duplicate).toBeGreaterThan(500);
      expect({ ...dry, dry_run: false, operation_id: real.operation_id }).toEqual(real);
      expect(await h.db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: real.imported });
      expect(progress.at(-1)).toBe(1);
    });

    it('strips the formula guard an export puts before = + - @', async () => {
      await run(`phone,first_name\n'+12125550107,'=HYPERLINK("x")\n`);
      expect((await leadsOf(h, listId))[0]).toMatchObject({ phone: '+12125550107', first_name: '=HYPERLINK("x")' });
    });

    it('reports a broken quote with its line, and keeps the batches before it undoable', async () => {
      const text = `phone\n2125550108\n"2125550109\n${'x'.repeat(1_100_000)}`;
      await expect(run(text)).rejects.toThrow(/cannot be read as CSV at line \d+: a quote is never closed/);
      const op = await h.db.selectFrom('operations').selectAll().executeTakeFirstOrThrow();
      expect(op.state).toBe('failed');
    });
  });
}
