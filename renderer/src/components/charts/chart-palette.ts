// Colours a canvas can use: a <canvas> cannot read the page's light-dark() tokens, so each scheme
// has its own set here, chosen to match styles/base.css and to keep 3:1 contrast on its panel.
import type { Status } from '../../../../shared/catalogue';

export type Scheme = 'light' | 'dark';

export interface ChartPalette {
  axis: string;
  grid: string;
  /** Categorical series colours, in order (an outcome keeps its colour, see outcomeColor). */
  series: readonly string[];
}

const LIGHT: ChartPalette = {
  axis: '#5d6878',
  grid: '#e3e7ee',
  series: ['#1f5fbf', '#1e8e4e', '#c79a00', '#c62f2f', '#7b4fc4', '#0f8a99', '#b5591d', '#8a94a3', '#c2408f', '#4d6b1f'],
};

const DARK: ChartPalette = {
  axis: '#9ba7b9',
  grid: '#2a3342',
  series: ['#6ea2f0', '#4cc282', '#e0b93a', '#f07272', '#b497f0', '#4fc7d6', '#f0a060', '#a3adbb', '#f08ac8', '#a6c96a'],
};

export function paletteFor(scheme: Scheme): ChartPalette {
  return scheme === 'dark' ? DARK : LIGHT;
}

// Outcomes keep one colour on every chart and legend (busy is always the same yellow), whatever
// subset a period holds; words outside the catalogue take the remaining colours in order.
// Typed by the catalogue: a status added there must be placed here too (the compiler says so).
type Outcome = Exclude<Status, 'new'>;
const OUTCOME_ORDER: readonly Outcome[] = ['contacted', 'callback', 'sale', 'not_interested', 'wrong_number', 'dnc', 'no_answer', 'busy', 'voicemail', 'dropped', 'failed', 'congestion', 'invalid'];
// Ten colours for thirteen outcomes: the pairs that share one mean nearly the same to a
// supervisor (refusals, bad numbers, network trouble); dropped, the compliance risk, is red alone.
const OUTCOME_SLOT: Readonly<Record<Outcome, number>> = {
  contacted: 0,
  sale: 1,
  busy: 2,
  dropped: 3,
  not_interested: 4,
  dnc: 4,
  callback: 5,
  wrong_number: 6,
  invalid: 6,
  no_answer: 7,
  voicemail: 8,
  failed: 9,
  congestion: 9,
};

export function outcomeColor(outcome: string, palette: ChartPalette): string {
  const slot = (OUTCOME_SLOT as Readonly<Record<string, number>>)[outcome];
  if (slot !== undefined) return palette.series[slot];
  let h = 0;
  for (const ch of outcome) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette.series[h % palette.series.length];
}

/** Outcomes in a stable reading order: answered ones first, then the rest, unknown words last. */
export function sortOutcomes(outcomes: string[]): string[] {
  const rank = (o: string) => {
    const i = (OUTCOME_ORDER as readonly string[]).indexOf(o);
    return i === -1 ? OUTCOME_ORDER.length : i;
  };
  return [...outcomes].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
