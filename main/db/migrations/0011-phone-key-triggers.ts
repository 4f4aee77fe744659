// A database a dialer wrote (issue 19, item 7). SQLite: phone keys were filled by the console
// before its first DNC check (query/phone-keys.ts), one UPDATE per unkeyed row, so the first
// command after a dialer inserted 58,466 leads took seconds and at 1M over a minute. Now a trigger
// keys each row as it is written (and again when its phone changes), in plain SQL that a dialer's
// own SQLite runs too (sqlite/phone-key-sql.ts); the rows already unkeyed are keyed here, in one
// statement. Phones of other characters still get their key from the console's backfill.
// PostgreSQL computes phone_key as a generated column already: nothing to do.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';
import { sqlPhoneIsSimple, sqlPhoneKey } from '../sqlite/phone-key-sql';

export async function up(db: Kysely<any>, d: Dialect): Promise<void> {
  if (d.name !== 'sqlite') return;
  // Raw names: a trigger's body takes no bound parameters, and NEW is no table to quote.
  const phone = sql.raw('phone');
  const newPhone = sql.raw('new.phone');
  // The old triggers cleared the key on a phone change, for the backfill to refill it.
  await sql`drop trigger if exists leads_phone_key_reset`.execute(db);
  await sql`drop trigger if exists dnc_phone_key_reset`.execute(db);
  await sql`create trigger leads_phone_key_insert after insert on leads
    when new.phone_key is null and ${sqlPhoneIsSimple(newPhone)}
    begin update leads set phone_key = ${sqlPhoneKey(newPhone)} where id = new.id; end`.execute(db);
  await sql`create trigger leads_phone_key_update after update of phone on leads
    begin update leads set phone_key = case when ${sqlPhoneIsSimple(newPhone)} then ${sqlPhoneKey(newPhone)} end where id = new.id; end`.execute(db);
  await sql`create trigger dnc_phone_key_insert after insert on dnc_numbers
    when new.phone_key is null and ${sqlPhoneIsSimple(newPhone)}
    begin update dnc_numbers set phone_key = ${sqlPhoneKey(newPhone)} where phone = new.phone; end`.execute(db);
  await sql`create trigger dnc_phone_key_update after update of phone on dnc_numbers
    begin update dnc_numbers set phone_key = case when ${sqlPhoneIsSimple(newPhone)} then ${sqlPhoneKey(newPhone)} end where phone = new.phone; end`.execute(db);
  await sql`update leads set phone_key = ${sqlPhoneKey(phone)} where phone_key is null and ${sqlPhoneIsSimple(phone)}`.execute(db);
  await sql`update dnc_numbers set phone_key = ${sqlPhoneKey(phone)} where phone_key is null and ${sqlPhoneIsSimple(phone)}`.execute(db);
}
