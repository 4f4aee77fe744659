// The DNC list from the console and the CLI: look a number up, add, remove (with a reason),
// import a file, export, and the recent changes.
import type { Writable } from 'node:stream';
import { normalisePhone } from '../../../shared/domain/phone';
import { InputError, notFound } from '../../../shared/errors';
import type { DncChange, DncCheck, DncEntry, DncImportReport } from '../../../shared/types/imports';
import { writeTransaction } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import { sql } from 'kysely';
import type { Clock } from '../../db/time';
import { CsvWriter } from '../exports/csv-writer';
import { importDncFile } from './dnc-import';
import { addNumbers, dncNumber, listedKeys, removeNumber } from './dnc-writes';

const PAGE = 5000;

export class DncService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
  ) {}

  async check(phone: string): Promise<DncCheck> {
    const { db, dialect } = this.handle;
    const normalised = normalisePhone(phone);
    if (normalised === '') return { phone, normalised, listed: false, matches: [] };
    const matches = await db.selectFrom('dnc_numbers').select(['phone', 'added_at']).where('phone_key', '=', normalised).orderBy('phone').execute();
    // A look-up writes nothing: rows whose key the console has not filled yet (SQLite) are
    // normalised here (usually none).
    if (dialect.appFillsPhoneKeys) {
      const unkeyed = await sql<DncEntry>`select phone, added_at from dnc_numbers${dialect.indexHint('dnc_numbers_by_phone_key')} where phone_key is null`.execute(db);
      matches.push(...unkeyed.rows.filter((r) => normalisePhone(r.phone) === normalised));
    }
    return { phone, normalised, listed: matches.length > 0, matches };
  }

  async add(phone: string, changedBy: string): Promise<{ phone: string; added: boolean; hopper_rows_removed: number }> {
    const number = dncNumber(phone);
    const { dialect } = this.handle;
    return writeTransaction(this.handle.db, dialect, async (trx) => {
      if ((await listedKeys(trx, dialect, [number.key])).size > 0) return { phone: number.phone, added: false, hopper_rows_removed: 0 };
      const removed = await addNumbers(trx, dialect, [number], null, changedBy, this.clock().toISOString());
      return { phone: number.phone, added: true, hopper_rows_removed: removed };
    });
  }

  async remove(phone: string, reason: string, changedBy: string): Promise<{ removed: string[] }> {
    const why = reason.trim();
    if (why.length < 3) throw new InputError('Removing a number from the DNC list needs a reason (at least 3 characters). Nothing was changed.');
    const key = normalisePhone(phone);
    if (key === '') throw new InputError('Give the number to remove.');
    const removed = await writeTransaction(this.handle.db, this.handle.dialect, (trx) => removeNumber(trx, this.handle.dialect, key, why, changedBy, this.clock().toISOString()));
    if (removed.length === 0) throw notFound(`${phone.trim()} on the DNC list`);
    return { removed };
  }

  importFile(file: string, changedBy: string): Promise<DncImportReport> {
    return importDncFile(this.handle, file, changedBy, this.clock().toISOString());
  }

  /** Writes `phone,added_at` CSV to `out` (left open). */
  async export(out: Writable): Promise<{ rows: number }> {
    const writer = new CsvWriter(out);
    await writer.write([['phone', 'added_at']]);
    for (let after: string | null = null; ; ) {
      let q = this.handle.db.selectFrom('dnc_numbers').select(['phone', 'added_at']).orderBy('phone').limit(PAGE);
      if (after !== null) q = q.where('phone', '>', after);
      const rows = await q.execute();
      await writer.writeRows(rows.map((r) => [r.phone, r.added_at]));
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].phone;
    }
    return { rows: writer.rows };
  }

  async recentChanges(limit = 50, phone?: string): Promise<DncChange[]> {
    let q = this.handle.db.selectFrom('dnc_changes').selectAll().orderBy('id', 'desc').limit(limit);
    if (phone) q = q.where('phone', '=', phone);
    return (await q.execute()) as DncChange[];
  }
}
