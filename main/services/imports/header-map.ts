// Which column of the file feeds which lead column (domain.md: headers match case-insensitively,
// surrounding spaces ignored; other columns are reported and ignored).
import { InputError } from '../../../shared/errors';
import type { HeaderMapping } from '../../../shared/types/imports';

type LeadColumn = NonNullable<HeaderMapping['column']>;

const NAMES: Record<string, LeadColumn> = {
  phone: 'phone',
  phone_number: 'phone',
  number: 'phone',
  mobile: 'phone',
  first_name: 'first_name',
  last_name: 'last_name',
  timezone: 'timezone',
};

export interface ColumnIndexes {
  phone: number;
  first_name: number | null;
  last_name: number | null;
  timezone: number | null;
}

export interface HeaderMap {
  mapping: HeaderMapping[];
  ignored: string[];
  indexes: ColumnIndexes;
}

/** Maps the header record; the first column of a kind wins, a second one is ignored. */
export function mapHeaders(header: readonly string[]): HeaderMap {
  const indexes: Partial<Record<LeadColumn, number>> = {};
  const mapping: HeaderMapping[] = header.map((raw, i) => {
    // 'Phone Number' and 'first-name' are how people write phone_number and first_name.
    const column = NAMES[raw.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? null;
    if (column === null || indexes[column] !== undefined) return { header: raw, column: null };
    indexes[column] = i;
    return { header: raw, column };
  });
  if (indexes.phone === undefined) {
    throw new InputError(
      `The file has no phone column: its header must name one of phone, phone_number, number, mobile (found ${header.map((h) => JSON.stringify(h.trim())).join(', ') || 'nothing'}). Nothing was imported.`,
    );
  }
  return {
    mapping,
    ignored: mapping.filter((m) => m.column === null).map((m) => m.header.trim()),
    indexes: {
      phone: indexes.phone,
      first_name: indexes.first_name ?? null,
      last_name: indexes.last_name ?? null,
      timezone: indexes.timezone ?? null,
    },
  };
}
