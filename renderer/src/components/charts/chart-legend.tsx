// The key of a chart's colours: an SVG swatch (a fill attribute, no inline style, so the strict
// CSP holds) and the series name.
export function ChartLegend({ items }: { items: { label: string; color: string }[] }) {
  if (items.length < 2) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="10" height="10" focusable="false">
            <rect width="10" height="10" rx="2" fill={item.color} />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
