// Leads in and out (domain.md "Loading and exporting leads"): every change of the DNC list is
// recorded in dnc_changes, and the DNC screen shows the latest first. An import needs no table
// of its own: its leads are found again through their `import` audit rows (operation_id is
// indexed), which the domain asks for anyway.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, d: Dialect): Promise<void> {
  await db.schema
    .createTable('dnc_changes')
    .addColumn('id', 'integer', (c) => (d.name === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_at', d.timestampType, (c) => c.notNull().defaultTo(d.nowDefault))
    .addColumn('changed_by', 'text', (c) => c.notNull().defaultTo('cli'))
    .execute();
  await db.schema.createIndex('dnc_changes_by_time').on('dnc_changes').columns(['changed_at', 'id']).execute();
  await db.schema.createIndex('dnc_changes_by_phone').on('dnc_changes').column('phone').execute();
}
