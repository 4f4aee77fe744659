// CSV as spreadsheets read it (RFC 4180, CRLF), safe to open: a cell that a spreadsheet would
// take for a formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe, because
// status words and reasons come from dialers and imports and may hold anything.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [csvLine(header), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}
