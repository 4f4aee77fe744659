// Lead counts a screen waits on (explain, hopper stats, the reports' dialable and leads-left
// counts) run in one turn of the asked lane, and on PostgreSQL with the counting plan (no parallel
// workers, no sequential scan; hopper-dialect.ts): the settings hold for the turn's statements and
// end with it, so the pooled connection goes back to the server's defaults for what runs next.
import { sql } from 'kysely';
import type { Db } from '../../../main/db/dialect';
import { expect, it } from 'vitest';
import { inCountingTurn } from '../../../main/services/hopper/hopper-dialect';
import { describeEachDialect } from '../../support/databases';
import { makeCampaign, makeLead, makeList } from '../../support/fixtures';

const planSettings = async (db: Db) =>
  (await sql<{ v: string }>`select current_setting('max_parallel_workers_per_gather') || ' ' || current_setting('enable_seqscan') as v`.execute(db)).rows[0].v;

describeEachDialect('a counting turn', ({ h, dialect }) => {
  it('counts what a plain read counts; on PostgreSQL with the counting plan, for that turn only', async () => {
    const list = await makeList(h, await makeCampaign(h, 'Solar'));
    for (let i = 0; i < 3; i++) await makeLead(h, list, { status: 'new' });
    const count = (db: Db) => db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number((await inCountingTurn(h, count)).n)).toBe(3);
    if (dialect === 'postgres') {
      const before = await planSettings(h.db);
      expect(before).not.toBe('0 off');
      expect(await inCountingTurn(h, planSettings)).toBe('0 off');
      // Every connection of the pool, the one the turn used included, is back at the defaults.
      const after = await Promise.all(Array.from({ length: 4 }, () => h.db.connection().execute(planSettings)));
      expect(after).toEqual(after.map(() => before));
    }
  });
});
