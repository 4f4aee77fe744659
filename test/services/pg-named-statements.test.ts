import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { nameRecurringStatement, statementNameOf } from '../../main/db/postgres/named-statements';
import { createTestTarget, resetDatabase } from '../support/databases';
import { makeCampaign, makeLead, makeList } from '../support/fixtures';
import { NOON, hopperAt, minutesBefore } from '../support/hopper-fixtures';

// A dropped dial result re-queues its lead with statements PostgreSQL would otherwise parse and
// plan on every call: they go out named, and the texts built at run time are bounded.
describe('named statements on PostgreSQL', () => {
  let h: DbHandle;
  beforeAll(async () => {
    // One connection: the statements it prepared are the ones this test reads back.
    h = await openDatabase(await createTestTarget('postgres'), { poolSize: 1 });
    await resetDatabase(h);
  });
  afterAll(() => h.close());

  it("a dropped result's re-queue runs as statements prepared once on the connection", async () => {
    const campaign = await makeCampaign(h, 'Solar', { timezone: 'UTC' });
    const list = await makeList(h, campaign);
    const leads = [await makeLead(h, list), await makeLead(h, list)];
    const hopper = hopperAt(h);
    for (const [i, lead] of leads.entries()) {
      const r = await hopper.recordDialAttempt({ call_uuid: `drop-${i}`, lead_id: lead, started_at: minutesBefore(NOON, 1), result: 'dropped' });
      expect(r).toMatchObject({ status: 'dropped', requeued: true });
    }
    const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(h.db);
    const texts = prepared.rows.map((r) => r.statement.replace(/\s+/g, ' '));
    expect(texts.some((t) => t.startsWith('insert into dialer_hopper') && t.includes('on conflict (lead_id) do nothing returning lead_id'))).toBe(true);
    expect(texts.some((t) => t.startsWith('select "campaigns".*'))).toBe(true);
    // Two calls, one text each: the second call reused what the first prepared.
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('names at most 100 texts built at run time', () => {
    const texts = Array.from({ length: 150 }, (_, i) => `select ${i} as recurring_test`);
    for (const t of texts) nameRecurringStatement(t);
    const named = texts.filter((t) => statementNameOf(t) !== undefined).length;
    // Some names may already be taken by the test above (the re-queue's own text).
    expect(named).toBeGreaterThan(90);
    expect(named).toBeLessThanOrEqual(100);
    expect(statementNameOf(texts[149])).toBeUndefined();
  });
});
