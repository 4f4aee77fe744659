// Writes to the DNC list (domain.md): every change is one dnc_changes row, and a number added
// takes its leads out of the hopper at once (their status never changes). Numbers are compared
// normalised, so "+1 (212) 555-0100" and "+12125550100" are one number.
import { sql } from 'kysely';
import { normalisePhone } from '../../../shared/domain/phone';
import { InputError } from '../../../shared/errors';
import { textsIn } from '../../db/query/batch-params';
import type { Db, Dialect } from '../../db/dialect';
import { ensurePhoneKeys } from '../../db/query/phone-keys';

export interface DncAddition {
  phone: string;
  key: string;
}

/** The number as the list keeps it, or a clear refusal (the import's phone rule: 7 to 15 digits). */
export function dncNumber(phone: string): DncAddition {
  const trimmed = phone.trim();
  const key = normalisePhone(trimmed);
  const digits = key.replace('+', '').length;
  if (digits < 7 || digits > 15) throw new InputError(`"${trimmed.slice(0, 40)}" is not a phone number: it needs 7 to 15 digits.`);
  return { phone: trimmed, key };
}

/** Which of these normalised numbers the list holds already. */
export async function listedKeys(db: Db, dialect: Dialect, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  await ensurePhoneKeys(db, dialect);
  const rows = await db.selectFrom('dnc_numbers').select('phone_key').where(textsIn(dialect, 'phone_key', keys)!).execute();
  return new Set(rows.map((r) => r.phone_key!));
}

/**
 * Adds numbers not listed yet (the caller checked, in the same transaction), records each
 * change, and removes the hopper rows of every lead with one of these numbers. Returns how many
 * hopper rows went.
 */
export async function addNumbers(trx: Db, dialect: Dialect, numbers: readonly DncAddition[], reason: string | null, changedBy: string, nowIso: string): Promise<number> {
  if (numbers.length === 0) return 0;
  await trx
    .insertInto('dnc_numbers')
    .values(numbers.map((n) => (dialect.appFillsPhoneKeys ? { phone: n.phone, phone_key: n.key, added_at: nowIso } : { phone: n.phone, added_at: nowIso })) as never)
    .execute();
  await trx
    .insertInto('dnc_changes')
    .values(numbers.map((n) => ({ phone: n.phone, action: 'add' as const, reason, changed_at: nowIso, changed_by: changedBy })))
    .execute();
  await ensurePhoneKeys(trx, dialect);
  const keys = textsIn(dialect, 'phone_key', numbers.map((n) => n.key))!;
  const removed = await trx
    .deleteFrom('dialer_hopper')
    .where('lead_id', 'in', (eb) => eb.selectFrom('leads').select('id').where(keys))
    .executeTakeFirst();
  return Number(removed.numDeletedRows);
}

/** Removes every spelling of the number; returns the spellings removed. */
export async function removeNumber(trx: Db, dialect: Dialect, key: string, reason: string, changedBy: string, nowIso: string): Promise<string[]> {
  await ensurePhoneKeys(trx, dialect);
  const rows = await sql<{ phone: string }>`delete from dnc_numbers where phone_key = ${key} returning phone`.execute(trx);
  const phones = rows.rows.map((r) => r.phone);
  if (phones.length > 0) {
    await trx
      .insertInto('dnc_changes')
      .values(phones.map((phone) => ({ phone, action: 'remove' as const, reason, changed_at: nowIso, changed_by: changedBy })))
      .execute();
  }
  return phones;
}
