// Running the campaign from the console (domain.md, second part): lead order, "Nth NEW" and the
// agent callback hand-over on campaigns (each with a default that keeps an older writer and the
// first part's rules unchanged), per-status recycle rules, the change history, and callbacks.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, d: Dialect): Promise<void> {
  const ts = d.timestampType;
  const id = (table: string) =>
    db.schema.createTable(table).addColumn('id', 'integer', (c) => (d.name === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()));

  await db.schema.alterTable('campaigns').addColumn('lead_order', 'text', (c) => c.notNull().defaultTo('default')).execute();
  await db.schema.alterTable('campaigns').addColumn('new_every', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('campaigns').addColumn('agent_callback_minutes', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Read whole with the campaign on every fill (a handful of rows): the unique key is the index.
  await id('campaign_recycle_rules')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('delay_minutes', 'integer', (c) => c.notNull().check(sql`delay_minutes between 0 and 43200`))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts between 1 and 100`))
    .addUniqueConstraint('campaign_recycle_rules_campaign_status', ['campaign_id', 'status'])
    .execute();

  await id('campaign_changes')
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('changed_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .addColumn('changed_by', 'text', (c) => c.notNull().defaultTo('cli'))
    .execute();
  await db.schema.createIndex('campaign_changes_campaign').on('campaign_changes').columns(['campaign_id', 'id']).execute();

  await id('callbacks')
    .addColumn('lead_id', 'integer', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('anyone').check(sql`scope in ('anyone', 'agent')`))
    .addColumn('agent', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending').check(sql`state in ('pending', 'done', 'cancelled')`))
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .execute();
  // Pending callbacks only: the hopper asks "which leads have one due", a call closes a lead's.
  // Done and cancelled ones pile up and are never searched by these.
  const pending = sql.ref('state');
  await db.schema.createIndex('callbacks_pending_due').on('callbacks').columns(['due_at', 'lead_id']).where(pending, '=', 'pending').execute();
  await db.schema.createIndex('callbacks_pending_lead').on('callbacks').column('lead_id').where(pending, '=', 'pending').execute();
  await db.schema.createIndex('callbacks_lead').on('callbacks').columns(['lead_id', 'id']).execute();
}
