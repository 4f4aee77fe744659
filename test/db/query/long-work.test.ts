import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { writeTransaction } from '../../../main/db/dialect';
import { forLongWork } from '../../../main/db/query/long-work';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';

// A fix or a recycle over a million leads is thousands of statements. better-sqlite3 answers each
// one synchronously, so without a turn of the event loop between them the window would freeze for
// the whole operation. The long-work handle must let queued callbacks run between its statements:
// it runs them on its own thread (test/db/sqlite/long-work-thread.test.ts), or, without one, turns
// the loop after each.
// SQLite only: on PostgreSQL every statement waits on a socket, so the loop turns whatever the
// handle does and such a test could not fail; what PostgreSQL is promised is checked below.
describeEachDialect('long work lets the event loop turn between statements', ({ h }) => {
  beforeAll(async () => {
    await makeLead(h, await makeList(h, await makeCampaign(h)));
  });

  const turnsDuring = async (body: () => Promise<void>) => {
    const order: string[] = [];
    setImmediate(() => order.push('turn'));
    await body();
    order.push('statement done');
    return order;
  };

  it('between plain statements', async () => {
    const order = await turnsDuring(async () => {
      // As in the transaction below: a statement that takes a while first.
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000) select count(*) as c from n`.execute(forLongWork(h));
      await forLongWork(h).selectFrom('leads').select('id').execute();
      await forLongWork(h).selectFrom('leads').select('id').execute();
    });
    expect(order).toEqual(['turn', 'statement done']);
  });

  it('inside a write transaction, and the transaction still commits', async () => {
    const seen: string[] = [];
    await writeTransaction(forLongWork(h), h.dialect, async (trx) => {
      seen.push(
        ...(await turnsDuring(async () => {
          // A statement that takes a while first: on the thread, two quick round trips could both
          // be answered inside one poll of a busy loop, before its check phase (seen under the
          // full suite's load); a statement still running when the loop polls cannot.
          await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000) select count(*) as c from n`.execute(trx);
          await trx.updateTable('leads').set({ dial_result: 'busy' }).execute();
          await trx.updateTable('leads').set({ dial_result: 'busy' }).execute();
        })),
      );
    });
    expect(seen).toEqual(['turn', 'statement done']);
    const row = await h.db.selectFrom('leads').select('dial_result').executeTakeFirstOrThrow();
    expect(row.dial_result).toBe('busy');
  });

  it('the ordinary handle does not (why long work needs its own)', async () => {
    const order = await turnsDuring(async () => {
      await h.db.selectFrom('leads').select('id').execute();
      await h.db.selectFrom('leads').select('id').execute();
    });
    expect(order).toEqual(['statement done']);
  });
}, { reset: 'never', dialects: ['sqlite'] });

describeEachDialect('long work on PostgreSQL', ({ h }) => {
  it('is the ordinary handle: no plugin, no extra turn per statement on the hot paths', () => {
    expect(forLongWork(h)).toBe(h.db);
  });
}, { reset: 'never', dialects: ['postgres'] });
