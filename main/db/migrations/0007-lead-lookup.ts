// Finding one lead, and the status words a person resolves (issue 17):
// - phone search by a suffix of at least 4 digits: an index on the last 4 digits of the
//   normalised phone (SQLite `substr(phone_key, -4)`, PostgreSQL `right(phone_key, 4)`: built-in
//   deterministic functions, so a dialer that writes leads directly needs nothing of ours);
//   a whole phone uses the existing phone_key index;
// - name search by prefix, case ignored: indexes on lower(first_name) and lower(last_name)
//   (PostgreSQL in the "C" collation, so that a prefix is a byte range as on SQLite);
// - `status_aliases`: the words a person mapped to a catalogue status (domain.md "Status words a
//   person resolves"), stored trimmed and lower case;
// - `lead_status_audit.changed_by`: who made a manual change (the OS user). NULL for the rest.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, d: Dialect): Promise<void> {
  if (d.name === 'postgres') {
    await sql`create index leads_phone_last4 on leads (right(phone_key, 4))`.execute(db);
    await sql`create index leads_first_name_lower on leads ((lower(first_name)) collate "C")`.execute(db);
    await sql`create index leads_last_name_lower on leads ((lower(last_name)) collate "C")`.execute(db);
  } else {
    await sql`create index leads_phone_last4 on leads (substr(phone_key, -4))`.execute(db);
    await sql`create index leads_first_name_lower on leads (lower(first_name))`.execute(db);
    await sql`create index leads_last_name_lower on leads (lower(last_name))`.execute(db);
  }

  await db.schema
    .createTable('status_aliases')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', d.timestampType, (c) => c.notNull().defaultTo(d.nowDefault))
    .addColumn('created_by', 'text')
    .execute();

  await db.schema.alterTable('lead_status_audit').addColumn('changed_by', 'text').execute();
}
