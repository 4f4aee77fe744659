import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../main/db/dialect';
import type { DbHandle } from '../../main/db/open-database';
import { openTestDatabase, resetDatabase } from '../support/databases';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';

// SQLite cannot deadlock here (BEGIN IMMEDIATE takes the one write lock up front); PostgreSQL
// can, when two writers lock the same rows in opposite orders. It aborts one of them (40P01);
// writeTransaction runs that one again, so both writers' work lands.
describe('write transactions on PostgreSQL survive being picked as a deadlock victim', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDatabase('postgres');
  });
  afterAll(() => h.close());

  it('retries the aborted transaction and both complete', async () => {
    await resetDatabase(h);
    const list = await makeList(h, await makeCampaign(h));
    const a = await makeLead(h, list);
    const b = await makeLead(h, list);
    let attemptsOne = 0;
    let attemptsTwo = 0;
    let bothLocked!: () => void;
    let firstLocks = 0;
    const gate = new Promise<void>((resolve) => (bothLocked = resolve));
    const lockThen = async (trx: typeof h.db, first: number, second: number, status: string) => {
      await trx.updateTable('leads').set({ dial_result: status }).where('id', '=', first).execute();
      if (++firstLocks === 2) bothLocked();
      await Promise.race([gate, new Promise((r) => setTimeout(r, 2000))]);
      await trx.updateTable('leads').set({ dial_result: status }).where('id', '=', second).execute();
    };
    await Promise.all([
      writeTransaction(h.db, h.dialect, async (trx) => {
        attemptsOne += 1;
        await lockThen(trx, a, b, 'one');
      }),
      writeTransaction(h.db, h.dialect, async (trx) => {
        attemptsTwo += 1;
        await lockThen(trx, b, a, 'two');
      }),
    ]);
    // One of them was the victim and ran again; the survivor's and the retry's writes both landed.
    expect(attemptsOne + attemptsTwo).toBe(3);
    const rows = await h.db.selectFrom('leads').select(['id', 'dial_result']).where('id', 'in', [a, b]).execute();
    const winner = attemptsOne === 2 ? 'one' : 'two';
    expect(rows.every((r) => r.dial_result === winner)).toBe(true);
  });
});
