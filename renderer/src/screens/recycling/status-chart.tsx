// The status distribution as horizontal bars: one row per status, the bar a plain SVG whose
// length is a percentage (no inline styles, so the page's strict CSP holds), coloured by category.
import { categoryOfStored } from '../../../../shared/catalogue';
import type { StatusCount } from '../../../../shared/types/status';
import { count, percent, statusLabel } from '../../format/format';

export function StatusChart({ statuses }: { statuses: StatusCount[] }) {
  const sorted = [...statuses].sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...sorted.map((s) => s.count));
  return (
    <figure className="status-chart" role="img" aria-label="Status distribution chart">
      <figcaption>Status distribution</figcaption>
      <ol className="chart-rows" aria-hidden="true">
        {sorted.map((row) => {
          const width = row.count === 0 ? 0 : Math.max(0.5, (row.count / max) * 100);
          return (
            <li key={row.status ?? '\u0000'} className={`chart-row cat-${categoryOfStored(row.status)}`} title={`${statusLabel(row.status)}: ${count(row.count)} (${percent(row.share)})`}>
              <span className="chart-label">{statusLabel(row.status)}</span>
              <svg className="chart-bar" width="100%" height="12" focusable="false">
                <rect x="0" y="0" width={`${width.toFixed(2)}%`} height="12" rx="2" className="bar-fill" />
              </svg>
              <span className="chart-value">
                {count(row.count)} <span className="chart-share">{percent(row.share)}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
