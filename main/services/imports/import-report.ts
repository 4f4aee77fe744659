// The running tally of an import: rows read, each outcome's count and its first row numbers.
import { FIRST_ROWS, SKIP_OUTCOMES, type CsvDelimiter, type DedupeScope, type ImportReport, type RowOutcome } from '../../../shared/types/imports';

export function emptyReport(listId: number, dedupe: DedupeScope, dryRun: boolean, delimiter: CsvDelimiter, ignored: string[]): ImportReport {
  const outcomes = Object.fromEntries(SKIP_OUTCOMES.map((o) => [o, 0])) as ImportReport['outcomes'];
  const firstRows = Object.fromEntries([...SKIP_OUTCOMES, 'imported'].map((o) => [o, []])) as unknown as ImportReport['first_rows'];
  return { list_id: listId, dedupe, dry_run: dryRun, delimiter, rows: 0, imported: 0, outcomes, first_rows: firstRows, ignored_columns: ignored, operation_id: null };
}

export function tally(report: ImportReport, row: number, outcome: RowOutcome): void {
  if (outcome === 'imported') report.imported += 1;
  else report.outcomes[outcome] += 1;
  const first = report.first_rows[outcome];
  if (first.length < FIRST_ROWS) first.push(row);
}

/** One line per outcome, for the CLI and the operation's summary. */
export function reportLines(report: ImportReport): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [`${report.dry_run ? 'Dry run: ' : ''}${n(report.rows)} rows read, ${n(report.imported)} ${report.dry_run ? 'would be imported' : 'imported'} into list ${report.list_id} (dedupe: ${report.dedupe}).`];
  for (const outcome of SKIP_OUTCOMES) {
    const count = report.outcomes[outcome];
    if (count === 0) continue;
    const rows = report.first_rows[outcome];
    lines.push(`  ${outcome}: ${n(count)} (rows ${rows.join(', ')}${count > rows.length ? ', …' : ''})`);
  }
  if (report.ignored_columns.length > 0) lines.push(`  ignored columns: ${report.ignored_columns.join(', ')}`);
  return lines;
}
