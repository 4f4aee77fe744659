import { beforeAll, expect, it } from 'vitest';
import { dbArgs as cliDbArgs, runCli } from '../support/cli';
import { describeEachDialect } from '../support/databases';
import { at, getLead, makeCampaign, makeLead, makeList } from '../support/fixtures';

// `recycle` and `undo` as a supervisor runs them, on each database.
describeEachDialect('recycle and undo commands', ({ h }) => {
  let dbArgs: string[];
  let listId: number;
  const ids: number[] = [];
  beforeAll(async () => {
    dbArgs = cliDbArgs(h.target);
    listId = await makeList(h, await makeCampaign(h));
    ids.push(await makeLead(h, listId, { status: 'no_answer', dial_attempts: 3, last_status_change: at(9) }));
    ids.push(await makeLead(h, listId, { status: null }));
    ids.push(await makeLead(h, listId, { status: 'sale', dial_attempts: 1 }));
    ids.push(await makeLead(h, listId, { status: 'dnc' }));
  });

  it('dry run, refusal without override, recycle, undo', async () => {
    const dry = await runCli(['recycle', ...dbArgs, '--list', String(listId), '--status', 'no_answer', '--status', 'null', '--status', 'dnc', '--reset-dial-count', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dry_run: true, will_change: 2, skipped_dnc: 1, needs_override: [] });
    expect((await getLead(h.db, ids[0])).status).toBe('no_answer');

    const refused = await runCli(['recycle', ...dbArgs, '--list', String(listId), '--status', 'sale']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/sale is a final status/);

    const badTarget = await runCli(['recycle', ...dbArgs, '--list', String(listId), '--status', 'busy', '--target', 'sale']);
    expect(badTarget.code).toBe(2);

    const run = await runCli(['recycle', ...dbArgs, '--list', String(listId), '--status', 'no_answer', '--status', 'null', '--reset-dial-count', '--now', at(20), '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ kind: 'recycle', changed: 2, list_id: listId });
    expect(await getLead(h.db, ids[0])).toMatchObject({ status: 'new', dial_attempts: 0, attempts_reset_at: at(20) });

    const undo = await runCli(['undo', ...dbArgs, '--operation', result.operation_id]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(/2 leads are back/);
    expect(await getLead(h.db, ids[0])).toMatchObject({ status: 'no_answer', dial_attempts: 3, attempts_reset_at: null, last_status_change: at(9) });
    expect((await getLead(h.db, ids[1])).status).toBeNull();

    const again = await runCli(['undo', ...dbArgs, '--operation', result.operation_id]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already been undone/);
    expect((await runCli(['undo', ...dbArgs, '--operation', 'nope'])).code).toBe(2);
  });
}, { reset: 'never' });
