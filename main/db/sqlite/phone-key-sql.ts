// The phone key (shared/domain/phone.ts normalisePhone: digits only, a leading `+` kept) as plain
// SQLite SQL, for the triggers that key a row the moment anyone writes it (migration 0011): a
// dialer or an import script inserting leads straight into the tables runs them too, with nothing
// of ours loaded. SQLite has no regexp, so the SQL covers the phones that dialers write: digits,
// spaces, `+`, parentheses, dots, slashes and dashes. For those it equals normalisePhone exactly
// (JavaScript's trim() removes only the spaces among these characters); any other phone is left
// NULL for the console's own backfill (query/phone-keys.ts), as every phone was before.
import { sql, type RawBuilder } from 'kysely';

/** Every character the SQL removes (all but the digits of a simple phone). */
const SEPARATORS = [' ', '(', ')', '.', '/', '-', '+'];

/** True when `phone` holds only digits and SEPARATORS (the GLOB class lists them; `-` last is literal). */
export function sqlPhoneIsSimple(phone: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${phone} not glob '*[^0-9 ()./+-]*')`;
}

/** normalisePhone(phone) for a simple phone. */
export function sqlPhoneKey(phone: RawBuilder<unknown>): RawBuilder<string> {
  let digits: RawBuilder<unknown> = phone;
  for (const c of SEPARATORS) digits = sql`replace(${digits}, ${sql.lit(c)}, '')`;
  return sql<string>`((case when ltrim(${phone}, ' ') like '+%' then '+' else '' end) || ${digits})`;
}
