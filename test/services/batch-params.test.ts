import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idsIn, idsInSet } from '../../main/db/query/batch-params';
import { bulkInsert } from '../../main/db/query/bulk-insert';
import type { DbHandle } from '../../main/db/open-database';
import { DIALECTS, openTestDatabase, resetDatabase } from '../support/databases';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';

// Batches of rows and ids: one JSON or array parameter on PostgreSQL, VALUES and IN lists on
// SQLite. Both must write and find exactly the same rows.
describe.each(DIALECTS)('rows and ids in batches (%s)', (dialect) => {
  let h: DbHandle;
  let lead: number;
  beforeAll(async () => {
    h = await openTestDatabase(dialect);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await resetDatabase(h);
    lead = await makeLead(h, await makeList(h, await makeCampaign(h)));
  });

  const audit = (i: number, reason: string | null) => ({
    lead_id: lead,
    old_status: i % 2 ? null : 'new',
    new_status: 'busy',
    source: 'fix',
    operation_id: null,
    reason,
    created_at: `2026-11-24T12:00:0${i}.125Z`,
  });

  it('inserts rows with NULLs, quotes and timestamps as given', async () => {
    await bulkInsert(h.db, h.dialect, 'lead_status_audit', [audit(1, "it's \"quoted\""), audit(2, null), audit(3, 'ünïcödé')]);
    const rows = await h.db.selectFrom('lead_status_audit').select(['old_status', 'reason', 'created_at']).orderBy('id').execute();
    expect(rows).toEqual([
      { old_status: null, reason: 'it\'s "quoted"', created_at: '2026-11-24T12:00:01.125Z' },
      { old_status: 'new', reason: null, created_at: '2026-11-24T12:00:02.125Z' },
      { old_status: null, reason: 'ünïcödé', created_at: '2026-11-24T12:00:03.125Z' },
    ]);
  });

  it('refuses rows that do not all give the same columns, and writes none of them', async () => {
    const { reason: _left, ...short } = audit(2, 'x');
    await expect(bulkInsert(h.db, h.dialect, 'lead_status_audit', [audit(1, 'x'), short])).rejects.toThrow(/same columns/);
    expect(await h.db.selectFrom('lead_status_audit').select('id').execute()).toEqual([]);
  });

  it('finds every id of a list longer than one statement may bind as parameters, in one statement', async () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => 1_000_000 + i).concat([lead]);
    const found = await sql<{ id: number }>`select id from leads where ${idsIn(h.dialect, 'id', ids)!}`.execute(h.db);
    expect(found.rows.map((r) => Number(r.id))).toEqual([lead]);
    expect(idsIn(h.dialect, 'id', [])).toBeUndefined();
  });

  it('finds the same ids as a set joined to the table (the hopper delete), in one statement', async () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => 1_000_000 + i).concat([lead, lead]);
    const found = await sql<{ id: number }>`select id from leads where ${idsInSet(h.dialect, 'id', ids)!}`.execute(h.db);
    expect(found.rows.map((r) => Number(r.id))).toEqual([lead]);
    expect(idsInSet(h.dialect, 'id', [])).toBeUndefined();
  });
});
