import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { preparedQuery } from '../../main/db/query/prepared-query';
import { createTestTarget, DIALECTS, openTestDatabase, resetDatabase } from '../support/databases';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';

// The dial path's statements are compiled once and run with new values each time: every run must
// bind its own arguments, in the right places, on both databases.
const leadByIdAndStatus = preparedQuery<{ id: number; status: string }, { id: number }>((db, arg) =>
  db.selectFrom('leads').select('id').where('id', '=', arg('id')).where('status', '=', arg('status')).limit(5),
);
const countAbove = preparedQuery<{ after: number }, { n: number }>((_db, arg) => sql<{ n: number }>`select count(*) as n from leads where id > ${arg('after')}`);

describe.each(DIALECTS)('queries compiled once, run with new values (%s)', (dialect) => {
  let h: DbHandle;
  let ids: number[];
  beforeAll(async () => {
    h = await openTestDatabase(dialect);
    await resetDatabase(h);
    const list = await makeList(h, await makeCampaign(h));
    ids = [await makeLead(h, list, { status: 'busy' }), await makeLead(h, list, { status: 'sale' }), await makeLead(h, list, { status: 'busy' })];
  });
  afterAll(() => h.close());

  it('binds each run its own arguments (query builder)', async () => {
    for (const [i, id] of ids.entries()) {
      const status = i === 1 ? 'sale' : 'busy';
      expect((await leadByIdAndStatus(h.db, h.dialect, { id, status })).rows.map((r) => Number(r.id))).toEqual([id]);
      expect((await leadByIdAndStatus(h.db, h.dialect, { id, status: 'dnc' })).rows).toEqual([]);
    }
  });

  it('binds each run its own arguments (raw sql)', async () => {
    expect(Number((await countAbove(h.db, h.dialect, { after: ids[0] })).rows[0].n)).toBe(2);
    expect(Number((await countAbove(h.db, h.dialect, { after: ids[2] })).rows[0].n)).toBe(0);
  });

  it('refuses to run without an argument the query needs', async () => {
    const fresh = preparedQuery<{ id: number }, { id: number }>((db, arg) => db.selectFrom('leads').select('id').where('id', '=', arg('id')));
    await expect(fresh(h.db, h.dialect, {} as { id: number })).rejects.toThrow(/no argument id/);
  });
});

// PostgreSQL plans an unnamed statement every time it runs; these go out as named statements, so
// each connection parses one once and the server keeps its plan.
describe('queries compiled once are server-side prepared on PostgreSQL', () => {
  it('the connection holds the statement under its name after a run, and reruns it with new values', async () => {
    const h = await openDatabase(await createTestTarget('postgres'), { poolSize: 1 });
    try {
      const list = await makeList(h, await makeCampaign(h));
      const id = await makeLead(h, list, { status: 'busy' });
      expect((await leadByIdAndStatus(h.db, h.dialect, { id, status: 'busy' })).rows).toHaveLength(1);
      expect((await leadByIdAndStatus(h.db, h.dialect, { id, status: 'sale' })).rows).toHaveLength(0);
      // One connection in the pool: this query runs where the statement was prepared.
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements where statement like ${'%"status" = $2%'}`.execute(h.db);
      expect(prepared.rows.map((r) => r.name)).toEqual([expect.stringMatching(/^lead_console_\d+$/)]);
    } finally {
      await h.close();
    }
  });
});
