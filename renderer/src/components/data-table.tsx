// The one table of the console's screens (jobs, run history, audit, hopper explain): columns
// declared once, a row header when the first cell names the row, and one line when there is
// nothing to show.
import type { ReactNode } from 'react';

export interface Column<R> {
  /** Unique within the table; also the React key of the cells. */
  key: string;
  header: ReactNode;
  /** The header is read by screen readers only (an actions column). */
  headerHidden?: boolean;
  cell(row: R): ReactNode;
  /** Class of the cells: `num` aligns right, `nowrap` keeps one line. */
  className?: string;
  headerClassName?: string;
  /** The table is sorted by this column. */
  ariaSort?: 'ascending' | 'descending';
}

export interface DataTableProps<R> {
  /** The table's accessible name. */
  label: string;
  columns: Column<R>[];
  rows: R[];
  rowKey(row: R): string | number;
  /** An accessible name for each row, when the row header alone does not name it. */
  rowLabel?(row: R): string;
  /** The first column is the row's header (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Shown in one row when `rows` is empty; nothing when null (still loading). */
  empty: ReactNode | null;
}

export function DataTable<R>({ label, columns, rows, rowKey, rowLabel, rowHeader = false, empty }: DataTableProps<R>) {
  return (
    <div className="table-frame">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.headerClassName} aria-sort={c.ariaSort}>
                {c.headerHidden ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} aria-label={rowLabel?.(row)}>
              {columns.map((c, i) =>
                rowHeader && i === 0 ? (
                  <th key={c.key} scope="row" className={c.className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={c.className}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
          {rows.length === 0 && empty !== null ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
