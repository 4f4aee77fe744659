import fc from 'fast-check';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STATUSES } from '../../shared/catalogue';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { createTestTarget, resetDatabase } from '../support/databases';
import { dialStateOf } from '../support/dial-state';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';
import { NOON, addDnc, hopperAt, minutesBefore } from '../support/hopper-fixtures';

// PostgreSQL only: SQLite runs in the process and has no round trips to save.
// A dial result goes to the server in two batches of statements (postgres/pipeline.ts); a batch must
// behave as its statements one by one would, and a transaction as a transaction.
const campaignNames = async (h: DbHandle) => (await h.db.selectFrom('campaigns').select('name').orderBy('name').execute()).map((r) => r.name);
const insertCampaign = (name: string) => CompiledQuery.raw('insert into campaigns (name) values ($1) returning name', [name]);

describe('pipelined transactions (PostgreSQL)', () => {
  let h: DbHandle;
  beforeAll(async () => {
    // One connection: a transaction left open or a broken connection would show in the next test.
    h = await openDatabase(await createTestTarget('postgres'), { poolSize: 1 });
  });
  beforeEach(() => resetDatabase(h));
  afterAll(() => h.close());

  it('answers each statement of a batch with its own rows, in order, and commits the last batch', async () => {
    const rows = await h.pipelinedTransaction!(async (tx) => {
      const [a, b] = await tx.send(insertCampaign('A'), CompiledQuery.raw('select count(*)::int as n from campaigns', []));
      // The transaction sees its own writes; nobody else does yet.
      expect(a).toEqual([{ name: 'A' }]);
      expect(b).toEqual([{ n: 1 }]);
      return tx.commit(insertCampaign('B'), CompiledQuery.raw('select name from campaigns order by name', []));
    });
    expect(rows[1]).toEqual([{ name: 'A' }, { name: 'B' }]);
    expect(await campaignNames(h)).toEqual(['A', 'B']);
  });

  it('rolls back when the function fails, or returns without committing', async () => {
    await expect(
      h.pipelinedTransaction!(async (tx) => {
        await tx.send(insertCampaign('A'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await h.pipelinedTransaction!(async (tx) => {
      await tx.send(insertCampaign('B'));
    });
    expect(await campaignNames(h)).toEqual([]);
  });

  it('a failing statement fails its batch with its own error and nothing of the transaction is kept', async () => {
    await h.db.insertInto('campaigns').values({ name: 'Taken' } as never).execute();
    await expect(
      h.pipelinedTransaction!(async (tx) => {
        await tx.send(insertCampaign('A'));
        // The duplicate name fails; the insert behind it and the COMMIT do not take effect.
        await tx.commit(insertCampaign('Taken'), insertCampaign('C'));
      }),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(h.pipelinedTransaction!((tx) => tx.send(CompiledQuery.raw('select nonsense from nowhere', [])))).rejects.toMatchObject({ code: '42P01' });
    expect(await campaignNames(h)).toEqual(['Taken']);
    // The one connection is back in the pool, outside any transaction, and works.
    const status = await sql<{ s: string }>`select current_setting('transaction_isolation') as s`.execute(h.db);
    expect(status.rows).toHaveLength(1);
    await h.pipelinedTransaction!((tx) => tx.commit(insertCampaign('After')));
    expect(await campaignNames(h)).toEqual(['After', 'Taken']);
  });

  it('refuses a batch after the commit', async () => {
    await expect(
      h.pipelinedTransaction!(async (tx) => {
        await tx.commit(insertCampaign('A'));
        await tx.send(insertCampaign('B'));
      }),
    ).rejects.toThrow(/already committed/);
    expect(await campaignNames(h)).toEqual(['A']);
  });
});

// The pipelined dial path and the statement-at-a-time path (what SQLite runs, and PostgreSQL for a
// call seen before) must write the same rows for the same calls: twin leads, one through each.
describe('a dial result writes the same on both paths (PostgreSQL)', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openDatabase(await createTestTarget('postgres'));
    await resetDatabase(h);
  });
  afterAll(() => h.close());

  const results = [...STATUSES.filter((s) => s !== 'new'), 'NA', 'PDROP', ' Sale ', 'XFER', null] as const;
  const callArb = fc.record({
    minute: fc.integer({ min: -600, max: 60 }),
    result: fc.constantFrom(...results),
    hangup_cause: fc.constantFrom(null, '486', 'NO_ANSWER', '503', '404', '16'),
  });
  const leadArb = fc.record({
    status: fc.constantFrom('new', 'no_answer', 'dropped', 'sale', 'dnc', 'NA', null),
    onDnc: fc.boolean(),
    timezone: fc.constantFrom(null, 'UTC', 'Asia/Tokyo'),
    calls: fc.array(callArb, { minLength: 1, maxLength: 5 }),
  });

  it('leads, audit rows, incidents, hopper rows and answers are identical', async () => {
    const campaign = await makeCampaign(h, 'Twins', { timezone: 'UTC', dropped_retry_delay_minutes: 0 });
    const list = await makeList(h, campaign);
    const pipelined = hopperAt(h);
    const plain = hopperAt({ ...h, pipelinedTransaction: undefined });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(leadArb, async (seed) => {
        run += 1;
        const phones = [`+1 415 555 ${1000 + 2 * run}`, `+1 415 555 ${1001 + 2 * run}`];
        const twins = [];
        for (const phone of phones) {
          twins.push(await makeLead(h, list, { status: seed.status, phone, timezone: seed.timezone }));
          if (seed.onDnc) await addDnc(h, phone);
        }
        const answers = [];
        for (const [t, hopper] of [pipelined, plain].entries()) {
          const out = [];
          for (const [i, c] of seed.calls.entries()) {
            const call = { call_uuid: `twin-${run}-${i}-${t}`, lead_id: twins[t], started_at: minutesBefore(NOON, -c.minute), result: c.result, hangup_cause: c.hangup_cause };
            out.push(await hopper.recordDialAttempt(call));
            // A dialer that reports the same call twice: applied once.
            if (i === 0) out.push(await hopper.recordDialAttempt(call));
          }
          answers.push(out.map(({ call_uuid: _u, lead_id: _l, ...rest }) => rest));
        }
        expect(answers[0]).toEqual(answers[1]);
        const [a, b] = await Promise.all(twins.map((id) => dialStateOf(h, id)));
        expect(a).toEqual(b);
      }),
      { numRuns: 40 },
    );
  });
});
