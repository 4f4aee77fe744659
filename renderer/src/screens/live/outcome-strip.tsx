// Today's outcome mix as one stacked strip with its key: small enough for a live card, drawn as
// SVG rectangles (fill attributes, no inline style: the strict CSP holds). The key lists every
// outcome with its count, so the strip's content is also there as text.
import type { OutcomeMix } from '../../../../shared/types/reports';
import { outcomeColor, paletteFor, sortOutcomes } from '../../components/charts/chart-palette';
import { useColorScheme } from '../../components/charts/use-color-scheme';
import { count, percent } from '../../format/format';

export function OutcomeStrip({ outcomes, label }: { outcomes: OutcomeMix; label: string }) {
  const palette = paletteFor(useColorScheme());
  const names = sortOutcomes(Object.keys(outcomes).filter((o) => outcomes[o] > 0));
  const total = names.reduce((n, o) => n + outcomes[o], 0);
  if (total === 0) return <p className="hint">No call yet today.</p>;
  let x = 0;
  return (
    <div className="outcome-strip">
      <svg className="strip" width="100%" height="10" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {names.map((o) => {
          const w = (outcomes[o] / total) * 1000;
          const rect = <rect key={o} x={x} y="0" width={w} height="10" fill={outcomeColor(o, palette)} />;
          x += w;
          return rect;
        })}
      </svg>
      <ul className="strip-key" aria-label={label}>
        {names.map((o) => (
          <li key={o}>
            <svg width="10" height="10" aria-hidden="true" focusable="false">
              <rect width="10" height="10" rx="2" fill={outcomeColor(o, palette)} />
            </svg>
            <span className="strip-name">{o}</span> {count(outcomes[o])} <span className="strip-share">({percent(outcomes[o] / total)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
