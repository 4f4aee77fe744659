// A bar chart drawn by uPlot (docs/dependencies.md says why uPlot): bars over time buckets or
// over named categories, stacked or side by side. The canvas is decoration for sighted readers:
// it is aria-hidden, and every chart on a screen has its data table beside it (ChartFigure).
// uPlot is loaded on first draw, so screens without charts never fetch it, and it is skipped
// where there is no layout (jsdom in component tests): the tables still render there.
import { useLayoutEffect, useRef } from 'react';
import type uPlotType from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { count } from '../../format/format';
import { paletteFor } from './chart-palette';
import { useColorScheme } from './use-color-scheme';

export interface BarSeries {
  label: string;
  values: number[];
  color: string;
}

/** What to draw; memoise it (useMemo): a new spec draws the chart again. */
export interface BarChartSpec {
  /** x positions: epoch seconds for 'time', 0..n-1 for 'category'. */
  x: number[];
  xKind: 'time' | 'category';
  /** Axis labels of the categories (xKind 'category'). */
  categories?: string[];
  series: BarSeries[];
  /** Stack the series (outcomes over time); else one series is drawn per bar. */
  stacked?: boolean;
  /** Seconds between two time buckets, so the first and last bars are not cut in half. */
  step?: number;
  /** Upper bound of the y axis when it has one (a share: 1). */
  yMax?: number;
  yFormat?(value: number): string;
  height?: number;
}

// Loaded once; after that a chart is drawn synchronously (the print preview redraws the charts in
// light colours inside `beforeprint`, which does not wait for a promise).
let loaded: typeof uPlotType | null = null;
function withUPlot(draw: (uPlot: typeof uPlotType) => void): void {
  if (loaded) draw(loaded);
  else
    void import('uplot').then((mod) => {
      loaded = mod.default;
      draw(loaded);
    });
}

function canDraw(): boolean {
  return typeof window !== 'undefined' && typeof ResizeObserver !== 'undefined' && typeof window.matchMedia === 'function';
}

/** Running totals, so drawing the top of each stack first and the lower ones over it looks stacked. */
export function stackValues(series: number[][]): number[][] {
  const out: number[][] = [];
  series.forEach((values, s) => out.push(values.map((v, i) => (s === 0 ? v : out[s - 1][i] + v))));
  return out;
}

/** A category's name cut to the room its bar has (about 7 px a character), so names never overlap. */
export function fitLabel(label: string, px: number): string {
  const room = Math.max(3, Math.floor(px / 7) - 1);
  return label.length <= room ? label : `${label.slice(0, room - 1).trimEnd()}…`;
}

// Whole-number steps for axes that count calls or leads (no "2.5 calls").
const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000, 200_000, 250_000, 500_000, 1_000_000];

function buildOptions(uPlot: typeof uPlotType, props: BarChartSpec, width: number, scheme: 'light' | 'dark'): uPlotType.Options {
  const palette = paletteFor(scheme);
  const { x, xKind, categories = [], stacked = false, step = 900, yMax, yFormat = count, height = 220 } = props;
  const order = stacked ? [...props.series].reverse() : props.series;
  // Every series at the same place and width: stacked totals cover each other, and a smaller
  // series drawn over a larger one reads as its part (answered calls within calls).
  const bars = uPlot.paths.bars!({ size: [0.8, 48], align: 0 });
  const axis = { stroke: palette.axis, grid: { stroke: palette.grid, width: 1 }, ticks: { stroke: palette.grid, width: 1 }, font: '12px system-ui, sans-serif' };
  const n = x.length;
  return {
    width,
    height,
    legend: { show: false },
    cursor: { points: { show: false }, drag: { x: false, y: false, setScale: false } },
    scales: {
      x:
        xKind === 'time'
          ? { time: true, range: (_u, min, max) => [(min ?? 0) - step / 2, (max ?? 0) + step / 2] }
          : { time: false, range: () => [-0.5, Math.max(0.5, n - 0.5)] },
      y: { range: (_u, _min, max) => [0, yMax ?? Math.max(1, Math.ceil((max ?? 0) * 1.1))] },
    },
    axes: [
      xKind === 'time'
        ? axis
        : { ...axis, splits: () => x, values: (u, splits) => splits.map((i) => fitLabel(categories[Math.round(i)] ?? '', u.bbox.width / devicePixelRatio / Math.max(1, n))), gap: 4 },
      { ...axis, size: 56, ...(yMax ? {} : { incrs: COUNT_STEPS }), values: (_u, splits) => splits.map((v) => yFormat(v)) },
    ],
    series: [
      {},
      ...order.map((s) => ({ label: s.label, fill: s.color, stroke: s.color, width: 0, paths: bars, points: { show: false } })),
    ],
  };
}

export function BarChart({ spec: props }: { spec: BarChartSpec }) {
  const scheme = useColorScheme();
  const holder = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = holder.current;
    if (!el || !canDraw() || props.x.length === 0) return;
    let chart: uPlotType | null = null;
    let cancelled = false;
    const observer = new ResizeObserver(() => {
      if (chart && el.clientWidth > 0) chart.setSize({ width: el.clientWidth, height: props.height ?? 220 });
    });
    withUPlot((uPlot) => {
      if (cancelled) return;
      const values = props.series.map((s) => s.values);
      const drawn = props.stacked ? stackValues(values).reverse() : values;
      chart = new uPlot(buildOptions(uPlot, props, Math.max(200, el.clientWidth), scheme), [props.x, ...drawn], el);
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer.disconnect();
      chart?.destroy();
    };
  }, [props, scheme]);
  return <div className="chart-canvas" ref={holder} aria-hidden="true" />;
}
