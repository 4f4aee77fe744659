// A file of DNC numbers, read by the same parser as a lead import: a header naming the phone
// column (phone, phone_number, number, mobile), or no header at all and the numbers in the
// first column. Written in batches, each one transaction.
import type { DncImportReport } from '../../../shared/types/imports';
import { FIRST_ROWS } from '../../../shared/types/imports';
import { writeTransaction } from '../../db/dialect';
import { forLongWork } from '../../db/query/long-work';
import type { DbHandle } from '../../db/open-database';
import { readCsvHead, readCsvRecords } from '../imports/csv-reader';
import { mapHeaders } from '../imports/header-map';
import { cellValue } from '../imports/row-check';
import { addNumbers, dncNumber, listedKeys, type DncAddition } from './dnc-writes';

const BATCH = 5000;

function asNumber(cell: string): DncAddition | null {
  try {
    return dncNumber(cell);
  } catch {
    return null;
  }
}

export async function importDncFile(handle: DbHandle, file: string, changedBy: string, nowIso: string): Promise<DncImportReport> {
  const { dialect } = handle;
  const head = await readCsvHead(file);
  const report: DncImportReport = { rows: 0, added: 0, already_listed: 0, duplicates: 0, invalid: 0, first_invalid_rows: [], hopper_rows_removed: 0 };
  const reason = `import of ${file.split(/[\\/]/).pop()}`;
  const seen = new Set<string>();
  let batch: DncAddition[] = [];
  const flush = async () => {
    const numbers = batch;
    batch = [];
    if (numbers.length === 0) return;
    await writeTransaction(forLongWork(handle), dialect, async (trx) => {
      const listed = await listedKeys(trx, dialect, numbers.map((n) => n.key));
      const fresh = numbers.filter((n) => !listed.has(n.key));
      report.already_listed += numbers.length - fresh.length;
      report.added += fresh.length;
      report.hopper_rows_removed += await addNumbers(trx, dialect, fresh, reason, changedBy, nowIso);
    });
  };
  let column: number | null = null;
  for await (const record of readCsvRecords(file, head.delimiter)) {
    if (column === null) {
      // No header when the first cell is a number already: the numbers are in the first column.
      if (asNumber(record[0] ?? '')) column = 0;
      else {
        column = mapHeaders(record).indexes.phone;
        continue;
      }
    }
    const row = ++report.rows;
    const number = asNumber(cellValue(record, column));
    if (!number) {
      report.invalid += 1;
      if (report.first_invalid_rows.length < FIRST_ROWS) report.first_invalid_rows.push(row);
    } else if (seen.has(number.key)) report.duplicates += 1;
    else {
      seen.add(number.key);
      batch.push(number);
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  return report;
}
