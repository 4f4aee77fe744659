// Turns child measurements into result entries (median, spread, ratio to the floor) and
// prints the table.
import type { LargestGap } from './loop-probe';
import type { DatasetInfo } from './dataset';

export interface OpEntry {
  operation: string;
  runs: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  floor_ms: number | null;
  floor_min_ms: number | null;
  floor_max_ms: number | null;
  ratio: number | null;
  /** The floor produced the same result as the service (null: not compared). */
  same_result: boolean | null;
  peak_rss_mb: number;
  max_event_loop_delay_ms: number;
  /** The largest gap between two turns of the loop probe: the main thread's own work and its wait for a core (loop-probe.ts). */
  largest_loop_gap?: LargestGap;
  calls_per_second?: number;
  floor_calls_per_second?: number;
  /** Row operations (import, export): rows per second of the median run, and of the floor's. */
  rows_per_second?: number;
  floor_rows_per_second?: number;
  load_average_before: number;
  detail?: Record<string, unknown>;
}

export interface DbResults {
  dataset: DatasetInfo;
  operations: OpEntry[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

export function buildEntry(name: string, r: Record<string, unknown>, floorOf: Record<string, unknown> | null, loadBefore: number): OpEntry {
  const runs = r.runs_ms as number[];
  const floorRuns = (floorOf ? floorOf.floor_runs_ms : r.floor_runs_ms) as number[];
  const m = median(runs);
  const f = floorRuns.length > 0 ? median(floorRuns) : null;
  const entry: OpEntry = {
    operation: name,
    runs: runs.length,
    median_ms: r1(m),
    min_ms: r1(Math.min(...runs)),
    max_ms: r1(Math.max(...runs)),
    floor_ms: f === null ? null : r1(f),
    floor_min_ms: f === null ? null : r1(Math.min(...floorRuns)),
    floor_max_ms: f === null ? null : r1(Math.max(...floorRuns)),
    ratio: f === null ? null : Math.round((m / f) * 100) / 100,
    same_result: (r.fingerprint_match as boolean | null | undefined) ?? null,
    peak_rss_mb: Math.max(Number(r.peak_rss_mb ?? 0), Number(floorOf?.peak_rss_mb ?? 0)),
    max_event_loop_delay_ms: Number(r.max_event_loop_delay_ms ?? 0),
    load_average_before: loadBefore,
  };
  if (r.largest_loop_gap) entry.largest_loop_gap = r.largest_loop_gap as OpEntry['largest_loop_gap'];
  if (floorOf) {
    entry.peak_rss_mb = Number(r.peak_rss_mb ?? 0);
    entry.calls_per_second = Number(r.calls_per_second);
    entry.floor_calls_per_second = Number(floorOf.calls_per_second);
    entry.detail = { calls_per_round: r.calls_per_round, workers: r.workers };
  }
  const rows = Number((r.extra as { rows?: number } | undefined)?.rows ?? NaN);
  if (Number.isFinite(rows) && m > 0) {
    entry.rows_per_second = Math.round(rows / (m / 1000));
    if (f !== null && f > 0) entry.floor_rows_per_second = Math.round(rows / (f / 1000));
  }
  const detail = { ...(entry.detail ?? {}), ...((r.extra as Record<string, unknown>) ?? {}) };
  if (r.fingerprint) Object.assign(detail, { fingerprint: r.fingerprint, floor_fingerprint: r.floor_fingerprint });
  if (Object.keys(detail).length > 0) entry.detail = detail;
  return entry;
}

interface Doc {
  leads: number;
  machine: { cores: number; load_average_at_end: number[] };
  databases: Record<string, DbResults>;
}

export function printTable(doc: Doc): void {
  const head = ['db', 'operation', 'runs', 'median ms', 'min–max ms', 'floor ms', 'ratio', 'same', 'calls/s', 'floor calls/s', 'rows/s', 'floor rows/s', 'rss MB', 'loop ms'];
  const rows: string[][] = [];
  for (const [db, r] of Object.entries(doc.databases)) {
    for (const e of r.operations) {
      rows.push([
        db,
        e.operation,
        String(e.runs),
        String(e.median_ms),
        `${e.min_ms}–${e.max_ms}`,
        e.floor_ms === null ? '-' : String(e.floor_ms),
        e.ratio === null ? '-' : e.ratio.toFixed(2),
        e.same_result === null ? '-' : e.same_result ? 'yes' : 'NO',
        e.calls_per_second === undefined ? '-' : String(e.calls_per_second),
        e.floor_calls_per_second === undefined ? '-' : String(e.floor_calls_per_second),
        e.rows_per_second === undefined ? '-' : String(e.rows_per_second),
        e.floor_rows_per_second === undefined ? '-' : String(e.floor_rows_per_second),
        String(e.peak_rss_mb),
        String(e.max_event_loop_delay_ms),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${doc.leads.toLocaleString('en-US')} leads, ${doc.machine.cores} cores, load average at end ${doc.machine.load_average_at_end.join(' ')}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
