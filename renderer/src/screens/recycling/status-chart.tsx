// The status distribution as horizontal bars in plain SVG, coloured by category.
import { categoryOfStored } from '../../../../shared/catalogue';
import type { StatusCount } from '../../../../shared/types/status';
import { count, percent, statusLabel } from '../../format/format';

const ROW = 26;
const LABEL_W = 150;
const BAR_W = 420;
const VALUE_W = 130;

export function StatusChart({ statuses }: { statuses: StatusCount[] }) {
  const sorted = [...statuses].sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...sorted.map((s) => s.count));
  const height = sorted.length * ROW + 4;
  const width = LABEL_W + BAR_W + VALUE_W;
  return (
    <figure className="status-chart">
      <figcaption>Status distribution</figcaption>
      <svg role="img" aria-label="Status distribution chart" viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {sorted.map((row, i) => {
          const y = i * ROW + 2;
          const w = Math.max(row.count > 0 ? 2 : 0, Math.round((row.count / max) * BAR_W));
          return (
            <g key={row.status ?? '\u0000'} className={`bar cat-${categoryOfStored(row.status)}`}>
              <title>{`${statusLabel(row.status)}: ${count(row.count)} (${percent(row.share)})`}</title>
              <text x={LABEL_W - 8} y={y + ROW / 2 + 4} textAnchor="end" className="bar-label">
                {statusLabel(row.status)}
              </text>
              <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 8} rx={2} className="bar-fill" />
              <text x={LABEL_W + w + 6} y={y + ROW / 2 + 4} className="bar-value">
                {`${count(row.count)} · ${percent(row.share)}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
