import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../main/db/migrations/migrate';
import { MIGRATIONS } from '../../main/db/migrations';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import { RECYCLABLE_STATUSES } from '../../shared/catalogue';
import { createTestTarget, DIALECTS } from '../support/databases';

for (const dialect of DIALECTS) {
  describe(`schema and migrations [${dialect}]`, () => {
    let h: DbHandle;
    beforeAll(async () => {
      h = await openDatabase(await createTestTarget(dialect));
    });
    afterAll(() => h.close());

    it('gives a writer that knows only the integration columns every default domain.md names', async () => {
      const c = await h.db.insertInto('campaigns').values({ name: 'Defaults' }).returning('id').executeTakeFirstOrThrow();
      const campaign = await h.db.selectFrom('campaigns').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(campaign).toMatchObject({
        retry_delay_minutes: 240,
        dropped_retry_delay_minutes: 0,
        max_dial_attempts: 10,
        hopper_target: 200,
        recyclable_statuses: RECYCLABLE_STATUSES.join(','),
        call_window_start: '09:00',
        call_window_end: '21:00',
      });
      expect(Boolean(campaign.active)).toBe(true);
      const l = await h.db.insertInto('lead_lists').values({ campaign_id: c.id, name: 'L' }).returning('id').executeTakeFirstOrThrow();
      await sql`insert into leads (list_id, phone) values (${l.id}, ${'+1 212 555 0100'})`.execute(h.db);
      const lead = await h.db.selectFrom('leads').selectAll().executeTakeFirstOrThrow();
      expect(lead).toMatchObject({ status: 'new', dial_attempts: 0, answered_count: 0 });
      expect(lead.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      await sql`insert into dialer_hopper (campaign_id, lead_id) values (${c.id}, ${lead.id})`.execute(h.db);
      const row = await h.db.selectFrom('dialer_hopper').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state: 'queued', priority: 0 });
      await expect(sql`insert into dialer_hopper (campaign_id, lead_id) values (${c.id}, ${lead.id})`.execute(h.db)).rejects.toThrow();
    });

    it('is idempotent and refuses a database migrated by a newer version', async () => {
      const again = await migrateToLatest(h.db, h.dialect);
      expect(again.applied).toEqual([]);
      expect(again.current).toBe(MIGRATIONS[MIGRATIONS.length - 1].name);
      await h.db.insertInto('kysely_migration' as never).values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never).execute();
      await expect(openDatabase(h.target)).rejects.toThrow(/newer version of Lead Console/);
      await h.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '9999-from-the-future' as never).execute();
    });
  });
}
