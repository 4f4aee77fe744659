// Most scheduled runs find nothing to do (a fill of a full hopper, a sync with no new call): in
// the run history, consecutive runs that did nothing fold into one row that opens on demand.
import type { JobRun } from '../../../../shared/types/jobs';

export type HistoryItem = { kind: 'run'; run: JobRun } | { kind: 'idle'; key: string; runs: JobRun[] };

/** A finished run without an error whose every count is zero (`queued: 0`, or no count at all). */
export function didNothing(run: JobRun): boolean {
  return (run.outcome === 'ok' || run.outcome === 'skipped') && !run.error && Object.values(run.counts).every((n) => n === 0);
}

/** Runs in order, with each stretch of two or more idle runs as one item (shown opened when its key is in `open`). */
export function groupIdleRuns(runs: JobRun[], open: ReadonlySet<string>): HistoryItem[] {
  const items: HistoryItem[] = [];
  let stretch: JobRun[] = [];
  const flush = () => {
    if (stretch.length >= 2) {
      const key = `idle-${stretch[0].id}`;
      items.push({ kind: 'idle', key, runs: stretch });
      if (open.has(key)) for (const run of stretch) items.push({ kind: 'run', run });
    } else {
      for (const run of stretch) items.push({ kind: 'run', run });
    }
    stretch = [];
  };
  for (const run of runs) {
    if (didNothing(run)) {
      stretch.push(run);
      continue;
    }
    flush();
    items.push({ kind: 'run', run });
  }
  flush();
  return items;
}
