import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { createTestTarget } from '../support/databases';
import { makeCampaign, makeList } from '../support/fixtures';
import { runLeadConsole } from '../support/hopper-processes';

const NOW = '2026-11-24T15:00:00.000Z';

describe('lead commands (SQLite file, separate process)', () => {
  let h: DbHandle;
  let file: string;
  let ann: number;
  const db = () => ['--db', file];
  beforeAll(async () => {
    const target = await createTestTarget('sqlite');
    file = (target as { file: string }).file;
    h = await openDatabase(target);
    const list = await makeList(h, await makeCampaign(h, 'Cli', { timezone: 'UTC' }), 'Main');
    ann = (await h.db.insertInto('leads').values({ list_id: list, phone: '+1 (212) 555-0101', first_name: 'Ann', last_name: 'Lee' }).returning('id').executeTakeFirstOrThrow()).id;
    await h.db.insertInto('leads').values({ list_id: list, phone: '212-555-0199', first_name: 'Bo', last_name: 'Leeds' }).execute();
  });
  afterAll(() => h.close());

  it('lead find --json: newest first, with how each matched', async () => {
    const r = await runLeadConsole(['lead', 'find', 'lee', '--json', ...db()]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.leads.map((l: { last_name: string }) => l.last_name)).toEqual(['Leeds', 'Lee']);
    const phone = JSON.parse((await runLeadConsole(['lead', 'find', '555 0101', '--json', ...db()])).stdout);
    expect(phone.leads).toEqual([expect.objectContaining({ id: ann, campaign_name: 'Cli', list_name: 'Main', matched: ['phone'] })]);
    const page = JSON.parse((await runLeadConsole(['lead', 'find', 'lee', '--limit', '1', '--json', ...db()])).stdout);
    expect(page.next_before_id).toBe(ann + 1);
    const text = await runLeadConsole(['lead', 'find', 'lee', '--limit', '1', ...db()]);
    expect(text.stdout).toContain(`More: add --before ${ann + 1}`);
  });

  it('a search it cannot read is one line and exit 2', async () => {
    const r = await runLeadConsole(['lead', 'find', '12-3', ...db()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('lead-console: A phone search needs at least 4 digits (got 3).');
  });
});
export { NOW };
