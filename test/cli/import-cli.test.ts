// `import-leads` and `undo --operation` of an import, as a supervisor runs them, on each database.
import { beforeAll, expect, it } from 'vitest';
import { dbArgs as cliDbArgs, runCli } from '../support/cli';
import { describeEachDialect } from '../support/databases';
import { at, makeCall, makeCampaign, makeList } from '../support/fixtures';
import { csvFile, leadsOf } from '../services/imports/support';

// The CLI runs in its own process on the suite's database (reset: never, the tests share the list).
describeEachDialect('import-leads and its undo', ({ h }) => {
  let dbArgs: string[];
  let listId: number;
  beforeAll(async () => {
    dbArgs = cliDbArgs(h.target);
    listId = await makeList(h, await makeCampaign(h));
  });

  it('prints the report with the exact keys, and undo keeps a lead dialed since', { timeout: 240_000 }, async () => {
    const file = csvFile('phone;first_name;source\n2125550001;A;x\n2125550002;B;x\n;C;x\n2125550001;D;x\n2125550003;E;x\n');
    const dry = await runCli(['import-leads', file, ...dbArgs, '--list', String(listId), '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).operation_id).toBeNull();
    expect(await leadsOf(h, listId)).toEqual([]);

    const run = await runCli(['import-leads', file, ...dbArgs, '--list', String(listId), '--dedupe', 'list', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['rows', 'imported', 'outcomes', 'first_rows', 'ignored_columns', 'operation_id']));
    expect(report).toMatchObject({
      rows: 5,
      imported: 3,
      outcomes: { missing_phone: 1, invalid_phone: 0, invalid_timezone: 0, dnc: 0, duplicate: 1 },
      first_rows: { missing_phone: [3], duplicate: [4] },
      ignored_columns: ['source'],
    });
    expect(Object.keys(report.outcomes).sort()).toEqual(['dnc', 'duplicate', 'invalid_phone', 'invalid_timezone', 'missing_phone']);

    const text = await runCli(['import-leads', file, ...dbArgs, '--list', String(listId), '--dedupe', 'list']);
    expect(text.stdout).toMatch(/5 rows read, 0 imported into list \d+ \(dedupe: list\)/);
    expect(text.stdout).toMatch(/duplicate: 4 \(rows 1, 2, 4, 5\)/);

    // One lead is dialed since: the undo keeps it.
    const dialed = await h.db.selectFrom('leads').select('id').where('phone', '=', '2125550002').executeTakeFirstOrThrow();
    await makeCall(h, dialed.id, at(9), 'no_answer');
    await h.db.updateTable('leads').set({ dial_attempts: 1, status: 'no_answer' }).where('id', '=', dialed.id).execute();
    const undo = await runCli(['undo', ...dbArgs, '--operation', report.operation_id]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(/2 leads removed, 1 kept/);
    expect((await leadsOf(h, listId)).map((l) => l.phone)).toEqual(['2125550002']);
    const undoJson = await runCli(['undo', ...dbArgs, '--operation', report.operation_id, '--json']);
    expect(undoJson.code).toBe(2);
    expect(undoJson.stderr).toMatch(/already been undone/);
    const audit = await h.db.selectFrom('lead_status_audit').selectAll().where('source', '=', 'undo').execute();
    expect(audit.map((a) => [a.old_status, a.new_status])).toEqual([
      ['new', null],
      ['new', null],
    ]);
  });

  it('refuses bad flags with one clear line', { timeout: 120_000 }, async () => {
    const file = csvFile('phone\n2125550009\n');
    const bad = await runCli(['import-leads', file, ...dbArgs, '--list', String(listId), '--dedupe', 'world']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--dedupe must be one of list, campaign, all, none/);
    const missing = await runCli(['import-leads', '/nonexistent.csv', ...dbArgs, '--list', String(listId)]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
  });
}, { reset: 'never' });
