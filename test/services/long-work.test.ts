import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../main/db/dialect';
import { forLongWork } from '../../main/db/query/long-work';
import type { DbHandle } from '../../main/db/open-database';
import { DIALECTS, openTestDatabase, resetDatabase } from '../support/databases';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';

// A fix or a recycle over a million leads is thousands of statements. better-sqlite3 answers each
// one synchronously, so without a turn of the event loop between them the window would freeze for
// the whole operation. The long-work handle must let queued callbacks run after every statement.
describe.each(DIALECTS)('long work lets the event loop turn between statements (%s)', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDatabase(dialect);
    await resetDatabase(h);
    await makeLead(h, await makeList(h, await makeCampaign(h)));
  });
  afterAll(() => h.close());

  const turnsDuring = async (body: () => Promise<void>) => {
    const order: string[] = [];
    setImmediate(() => order.push('turn'));
    await body();
    order.push('statement done');
    return order;
  };

  it('after a plain statement', async () => {
    const order = await turnsDuring(async () => {
      await forLongWork(h).selectFrom('leads').select('id').execute();
    });
    expect(order).toEqual(['turn', 'statement done']);
  });

  it('inside a write transaction, and the transaction still commits', async () => {
    const seen: string[] = [];
    await writeTransaction(forLongWork(h), h.dialect, async (trx) => {
      seen.push(...(await turnsDuring(async () => void (await trx.updateTable('leads').set({ dial_result: 'busy' }).execute()))));
    });
    expect(seen).toEqual(['turn', 'statement done']);
    const row = await h.db.selectFrom('leads').select('dial_result').executeTakeFirstOrThrow();
    expect(row.dial_result).toBe('busy');
  });

  it('the ordinary handle on SQLite does not (why long work needs its own)', async () => {
    const order = await turnsDuring(async () => {
      await h.db.selectFrom('leads').select('id').execute();
    });
    expect(order).toEqual(dialect === 'sqlite' ? ['statement done'] : ['turn', 'statement done']);
  });
});
