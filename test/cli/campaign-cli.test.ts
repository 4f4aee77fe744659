// The campaign, list, recycle-rules and callbacks commands, as a supervisor runs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { createTestTarget } from '../support/databases';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';
import { NOON, minutesBefore } from '../support/hopper-fixtures';
import { runLeadConsole } from '../support/hopper-processes';

// Each command is a process of its own (a few seconds on a busy machine).
describe('campaign commands (SQLite file, separate process)', { timeout: 240_000 }, () => {
  let h: DbHandle;
  let file: string;
  let campaign: number;
  let list: number;
  let lead: number;
  const db = () => ['--db', file, '--now', NOON];
  const run = (...args: string[]) => runLeadConsole([...args, ...db()]);
  beforeAll(async () => {
    const target = await createTestTarget('sqlite');
    file = (target as { file: string }).file;
    h = await openDatabase(target);
    campaign = await makeCampaign(h, 'Cli', { timezone: 'UTC' });
    list = await makeList(h, campaign);
    lead = await makeLead(h, list, { status: 'callback', dial_attempts: 1, last_dial_attempt: minutesBefore(NOON, 30) });
  });
  afterAll(() => h.close());

  it('campaign set changes fields, history shows them as cli; show reads them back', async () => {
    const set = await run('campaign', 'set', '--campaign', String(campaign), '--retry-delay', '30', '--window', '08:00-20:00', '--lead-order', 'down', '--new-every', '3', '--recyclable', 'busy,no_answer', '--json');
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout).changes.map((c: { field: string }) => c.field)).toEqual(['retry_delay_minutes', 'recyclable_statuses', 'call_window_start', 'call_window_end', 'lead_order', 'new_every']);
    const history = await run('campaign', 'history', '--campaign', String(campaign), '--json');
    expect(JSON.parse(history.stdout)[0]).toMatchObject({ field: 'new_every', old_value: '0', new_value: '3', changed_by: 'cli' });
    const show = await run('campaign', 'show', '--campaign', String(campaign));
    expect(show.stdout).toContain('08:00-20:00 UTC');
    expect(show.stdout).toContain('down, every 3th lead new');
  });

  it('bad values exit non-zero naming the field, and change nothing', async () => {
    const bad = await run('campaign', 'set', '--campaign', String(campaign), '--max-attempts', '0', '--timezone', 'Nowhere/City');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/max_dial_attempts: .*timezone: must be an IANA timezone/);
    const window = await run('campaign', 'set', '--campaign', String(campaign), '--window', '21:00-09:00');
    expect(window.stderr).toMatch(/call_window_start: the call window must start before it ends/);
    const show = await run('campaign', 'show', '--campaign', String(campaign), '--json');
    expect(JSON.parse(show.stdout).settings).toMatchObject({ max_dial_attempts: 10, timezone: 'UTC', call_window_start: '08:00' });
  });

  it('recycle-rules set, list, remove', async () => {
    expect((await run('recycle-rules', 'set', '--campaign', String(campaign), '--status', 'busy', '--delay', '15', '--max', '4')).code).toBe(0);
    const listed = await run('recycle-rules', 'list', '--campaign', String(campaign), '--json');
    expect(JSON.parse(listed.stdout)).toEqual([{ status: 'busy', delay_minutes: 15, max_attempts: 4, applies: true }]);
    const bad = await run('recycle-rules', 'set', '--campaign', String(campaign), '--status', 'busy', '--delay', '15', '--max', '500');
    expect(bad.stderr).toMatch(/max_attempts: must be a whole number of attempts from 1 to 100/);
    expect((await run('recycle-rules', 'remove', '--campaign', String(campaign), '--status', 'busy')).code).toBe(0);
    expect(JSON.parse((await run('recycle-rules', 'list', '--campaign', String(campaign), '--json')).stdout)).toEqual([]);
  });

  it('list set --inactive is recorded in the campaign history', async () => {
    const r = await run('list', 'set', '--list', String(list), '--inactive', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).changes[0]).toMatchObject({ field: `list.${list}.active`, new_value: 'false' });
    expect((await run('list', 'set', '--list', String(list), '--active')).code).toBe(0);
  });

  it('callbacks add, list --due / --agent, cancel', async () => {
    const add = await run('callbacks', 'add', '--lead', String(lead), '--due', minutesBefore(NOON, 10), '--note', 'wife calls back', '--json');
    expect(add.code, add.stderr).toBe(0);
    const cb = JSON.parse(add.stdout);
    expect(cb).toMatchObject({ lead_id: lead, scope: 'anyone', state: 'pending', timing: 'due', note: 'wife calls back' });
    const agent = JSON.parse((await run('callbacks', 'add', '--lead', String(lead), '--due', minutesBefore(NOON, -60), '--agent', 'maria', '--json')).stdout);
    expect(agent).toMatchObject({ scope: 'agent', agent: 'maria', timing: 'later_today' });
    expect(JSON.parse((await run('callbacks', 'list', '--due', '--json')).stdout).map((r: { id: number }) => r.id)).toEqual([cb.id]);
    expect(JSON.parse((await run('callbacks', 'list', '--agent', 'maria', '--campaign', String(campaign), '--json')).stdout).map((r: { id: number }) => r.id)).toEqual([agent.id]);
    expect((await run('callbacks', 'cancel', '--id', String(cb.id))).stdout).toContain('cancelled');
    const again = await run('callbacks', 'cancel', '--id', String(cb.id));
    expect(again.stderr).toMatch(/is cancelled, not pending/);
    const badDue = await run('callbacks', 'add', '--lead', String(lead), '--due', 'tomorrow');
    expect(badDue.stderr).toMatch(/due_at: must be an ISO-8601 time/);
  });
});
