// The outcomes a row can be given from its own cells, before the database is asked (domain.md
// order: missing_phone, invalid_phone, invalid_timezone; dnc and duplicate come next).
import { normalisePhone } from '../../../shared/domain/phone';
import type { SkipOutcome } from '../../../shared/types/imports';
import { isValidTimezone } from '../hopper/calling-window';
import type { ColumnIndexes } from './header-map';

/** A lead the row would add, with its normalised phone. */
export interface CandidateLead {
  row: number;
  key: string;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  timezone: string | null;
}

export type RowCheck = { row: number; outcome: SkipOutcome } | CandidateLead;

const FORMULA_GUARD = /^'[=+\-@]/;

/**
 * A cell as the lead keeps it: trimmed, and without the `'` that an export (ours, or a
 * spreadsheet's) puts before a cell starting with = + - @ to keep it from running as a formula.
 */
export function cellValue(record: readonly string[], index: number | null): string {
  if (index === null) return '';
  const cell = (record[index] ?? '').trim();
  return FORMULA_GUARD.test(cell) ? cell.slice(1) : cell;
}

/** An IANA name (Intl knows it); offsets such as +01:00 are not names. */
function isIanaName(zone: string): boolean {
  return /^[A-Za-z]/.test(zone) && isValidTimezone(zone);
}

export function checkRow(row: number, record: readonly string[], columns: ColumnIndexes): RowCheck {
  const phone = cellValue(record, columns.phone);
  if (phone === '') return { row, outcome: 'missing_phone' };
  const key = normalisePhone(phone);
  const digits = key.startsWith('+') ? key.length - 1 : key.length;
  if (digits < 7 || digits > 15) return { row, outcome: 'invalid_phone' };
  const timezone = cellValue(record, columns.timezone);
  if (timezone !== '' && !isIanaName(timezone)) return { row, outcome: 'invalid_timezone' };
  const first = cellValue(record, columns.first_name);
  const last = cellValue(record, columns.last_name);
  return { row, key, phone, first_name: first === '' ? null : first, last_name: last === '' ? null : last, timezone: timezone === '' ? null : timezone };
}
