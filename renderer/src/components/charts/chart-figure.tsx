// One chart with its text alternative: a titled figure whose canvas is hidden from screen readers
// and whose data table (the same figures) follows it, so every chart can be read and copied.
import type { ReactNode } from 'react';

export function ChartFigure({ title, chart, table, actions }: { title: string; chart: ReactNode; table: ReactNode; actions?: ReactNode }) {
  return (
    <figure className="chart-figure">
      <figcaption>
        <span>{title}</span>
        {actions ? <span className="chart-actions">{actions}</span> : null}
      </figcaption>
      <div className="chart-body">
        <div className="chart-visual">{chart}</div>
        <div className="chart-table">{table}</div>
      </div>
    </figure>
  );
}
