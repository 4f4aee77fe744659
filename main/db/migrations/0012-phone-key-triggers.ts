// A database a dialer wrote (issue 19, item 7). SQLite: phone keys were filled by the console
// before its first DNC check (query/phone-keys.ts), one UPDATE per unkeyed row, so the first
// command after a dialer inserted 58,466 leads took seconds and at 1M over a minute. Now a trigger
// keys each row as it is written (and again when its phone changes), in plain SQL that a dialer's
// own SQLite runs too; the rows already unkeyed are keyed here, in batches. Phones of other
// characters still get their key from the console's backfill. PostgreSQL computes phone_key as a
// generated column already: nothing to do. (Self-contained, as every migration is.)
//
// The key is shared/domain/phone.ts normalisePhone (digits only, a leading `+` kept) as plain SQL.
// SQLite has no regexp, so the SQL covers the phones that dialers write: digits, spaces, `+`,
// parentheses, dots, slashes and dashes. For those it equals normalisePhone exactly (JavaScript's
// trim() removes only the spaces among these characters); any other phone is left NULL for the
// console's own backfill (query/phone-keys.ts), as every phone was before.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from '../dialect';

/** Rows keyed per statement by the backfill of rows written before the triggers. */
const BACKFILL_BATCH = 5000;

/** Every character the SQL removes (all but the digits of a simple phone). */
const SEPARATORS = [' ', '(', ')', '.', '/', '-', '+'];

/** True when `phone` holds only digits and SEPARATORS (the GLOB class lists them; `-` last is literal). */
function sqlPhoneIsSimple(phone: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${phone} not glob '*[^0-9 ()./+-]*')`;
}

/** normalisePhone(phone) for a simple phone. */
function sqlPhoneKey(phone: RawBuilder<unknown>): RawBuilder<string> {
  let digits: RawBuilder<unknown> = phone;
  for (const c of SEPARATORS) digits = sql`replace(${digits}, ${sql.lit(c)}, '')`;
  return sql<string>`((case when ltrim(${phone}, ' ') like '+%' then '+' else '' end) || ${digits})`;
}

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
  // The rows a dialer wrote before: keyed in batches, each its own short write (SQLite runs a
  // migration outside any transaction), so that a dialer writing meanwhile waits for one batch at
  // most, never for the whole table.
  for (;;) {
    const result = await sql`update leads set phone_key = ${sqlPhoneKey(phone)} where id in (
      select id from leads indexed by leads_by_phone_key where phone_key is null and ${sqlPhoneIsSimple(phone)} limit ${sql.lit(BACKFILL_BATCH)})`.execute(db);
    if (Number(result.numAffectedRows ?? 0) < BACKFILL_BATCH) break;
  }
  await sql`update dnc_numbers set phone_key = ${sqlPhoneKey(phone)} where phone_key is null and ${sqlPhoneIsSimple(phone)}`.execute(db);
}
