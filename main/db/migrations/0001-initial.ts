// The integration surface of docs/domain.md, with its defaults, plus the tables the console needs
// (compliance incidents, operations for undo) and the indexes of the breakdown, the problem
// scan, the sync and the hopper.
import { sql, type Kysely } from 'kysely';
import { RECYCLABLE_STATUSES } from '../../../shared/catalogue';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, d: Dialect): Promise<void> {
  const ts = d.timestampType;
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) =>
        d.name === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
      );

  await id('campaigns')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', d.booleanType, (c) => c.notNull().defaultTo(d.bool(true)))
    .addColumn('retry_delay_minutes', 'integer', (c) => c.notNull().defaultTo(240))
    .addColumn('dropped_retry_delay_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_dial_attempts', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('hopper_target', 'integer', (c) => c.notNull().defaultTo(200))
    .addColumn('recyclable_statuses', 'text', (c) => c.notNull().defaultTo(RECYCLABLE_STATUSES.join(',')))
    .addColumn('call_window_start', 'text', (c) => c.notNull().defaultTo('09:00'))
    .addColumn('call_window_end', 'text', (c) => c.notNull().defaultTo('21:00'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .execute();

  await id('lead_lists')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', d.booleanType, (c) => c.notNull().defaultTo(d.bool(true)))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .execute();
  await db.schema.createIndex('lead_lists_campaign').on('lead_lists').column('campaign_id').execute();

  let leads = id('leads')
    .addColumn('list_id', 'integer', (c) => c.notNull().references('lead_lists.id'))
    .addColumn('phone', 'text', (c) => c.notNull());
  // The normalised phone that DNC checks compare. PostgreSQL keeps it exact by itself; SQLite has
  // no regexp, so the console fills it (see phone-keys.ts) and a trigger clears it when the phone
  // changes. A NULL key never passes a DNC check.
  leads =
    d.name === 'postgres'
      ? leads.addColumn('phone_key', 'text', (c) =>
          c.generatedAlwaysAs(
            sql`(case when btrim(phone) like '+%' then '+' else '' end) || regexp_replace(phone, '[^0-9]', '', 'g')`,
          ).stored(),
        )
      : leads.addColumn('phone_key', 'text');
  await leads
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('timezone', 'text')
    .addColumn('status', 'text', (c) => c.defaultTo('new'))
    .addColumn('dial_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_dial_attempt', ts)
    .addColumn('dial_result', 'text')
    .addColumn('last_status_change', ts)
    .addColumn('attempts_reset_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .execute();
  // Breakdown (list, status) is covered by this index; the hopper walks it per status in
  // last-dial order.
  await db.schema
    .createIndex('leads_list_status_dial')
    .on('leads')
    .columns(['list_id', 'status', 'last_dial_attempt'])
    .execute();
  await db.schema.createIndex('leads_by_phone_key').on('leads').column('phone_key').execute();

  await id('call_logs')
    .addColumn('call_uuid', 'text', (c) => c.notNull().unique())
    .addColumn('lead_id', 'integer', (c) => c.notNull())
    .addColumn('campaign_id', 'integer')
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .addColumn('duration_seconds', 'integer')
    .addColumn('result', 'text')
    .addColumn('hangup_cause', 'text')
    .addColumn('agent', 'text')
    .addColumn('lead_synced_at', ts)
    .execute();
  await db.schema.createIndex('call_logs_lead_started').on('call_logs').columns(['lead_id', 'started_at']).execute();
  await db.schema
    .createIndex('call_logs_unsynced')
    .on('call_logs')
    .columns(['started_at', 'id'])
    .where(sql.ref('lead_synced_at'), 'is', null)
    .execute();

  await id('dialer_hopper')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('lead_id', 'integer', (c) => c.notNull().unique().references('leads.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued').check(sql`state in ('queued', 'dialing')`))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .addColumn('claimed_at', ts)
    .execute();
  await db.schema
    .createIndex('dialer_hopper_campaign_order')
    .on('dialer_hopper')
    .columns(['campaign_id', 'state', 'priority', 'added_at'])
    .execute();

  let dnc = db.schema.createTable('dnc_numbers').addColumn('phone', 'text', (c) => c.notNull().unique());
  dnc =
    d.name === 'postgres'
      ? dnc.addColumn('phone_key', 'text', (c) =>
          c.generatedAlwaysAs(
            sql`(case when btrim(phone) like '+%' then '+' else '' end) || regexp_replace(phone, '[^0-9]', '', 'g')`,
          ).stored(),
        )
      : dnc.addColumn('phone_key', 'text');
  await dnc.addColumn('added_at', ts, (c) => c.notNull().defaultTo(d.nowDefault)).execute();
  await db.schema.createIndex('dnc_numbers_by_phone_key').on('dnc_numbers').column('phone_key').execute();

  await id('lead_status_audit')
    .addColumn('lead_id', 'integer', (c) => c.notNull())
    .addColumn('old_status', 'text')
    .addColumn('new_status', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('operation_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .execute();
  await db.schema.createIndex('lead_status_audit_lead').on('lead_status_audit').column('lead_id').execute();
  await db.schema.createIndex('lead_status_audit_operation').on('lead_status_audit').column('operation_id').execute();
  await db.schema.createIndex('lead_status_audit_created').on('lead_status_audit').column('created_at').execute();

  await id('compliance_incidents')
    .addColumn('lead_id', 'integer', (c) => c.notNull())
    .addColumn('call_uuid', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(d.nowDefault))
    .addUniqueConstraint('compliance_incidents_call_reason', ['call_uuid', 'reason'])
    .execute();

  await db.schema
    .createTable('operations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('list_id', 'integer')
    .addColumn('campaign_id', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('params', 'text')
    .addColumn('summary', 'text')
    .addColumn('undoes', 'text')
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  await db.schema.createIndex('operations_list').on('operations').columns(['list_id', 'started_at']).execute();

  await db.schema
    .createTable('operation_leads')
    .addColumn('operation_id', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'integer', (c) => c.notNull())
    .addColumn('old_status', 'text')
    .addColumn('new_status', 'text')
    .addColumn('old_dial_attempts', 'integer', (c) => c.notNull())
    .addColumn('new_dial_attempts', 'integer', (c) => c.notNull())
    .addColumn('old_attempts_reset_at', ts)
    .addColumn('new_attempts_reset_at', ts)
    .addColumn('old_last_status_change', ts)
    .addColumn('new_last_status_change', ts)
    .addPrimaryKeyConstraint('operation_leads_pk', ['operation_id', 'lead_id'])
    .execute();

  if (d.name === 'sqlite') {
    await sql`create trigger leads_phone_key_reset after update of phone on leads
      begin update leads set phone_key = null where id = new.id; end`.execute(db);
    await sql`create trigger dnc_phone_key_reset after update of phone on dnc_numbers
      begin update dnc_numbers set phone_key = null where phone = new.phone; end`.execute(db);
  }
}
