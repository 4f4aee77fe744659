// One operation on one database, in its own process so that its peak RSS is its own.
// argv: <json job>. Prints one JSON line (the measurement) on stdout.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChildJob } from './child-job';
import { LoopProbe, type LargestGap } from './loop-probe';
import type { DbHandle } from '../main/db/open-database';
import { freshCopy, openBench } from './databases';
import type { Operation } from './operation';

export interface ChildResult {
  op: string;
  runs_ms: number[];
  floor_runs_ms: number[];
  /** Peak RSS of the process after the service runs (before any floor run), MB. */
  peak_rss_mb: number;
  /** Largest event-loop delay seen during the service runs, ms. */
  max_event_loop_delay_ms: number;
  /** The largest gap of the service runs, split into the main thread's own work and its wait for a core (loop-probe.ts). */
  largest_loop_gap?: LargestGap | null;
  fingerprint_match: boolean | null;
  fingerprint?: string;
  floor_fingerprint?: string;
  extra?: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * From 5M leads on, a writing operation runs once (and its floor once): each run of it at 10M
 * needs its own multi-gigabyte copy of the base and takes about a minute, so three runs each
 * would make the 10M run last hours. The short reads keep three runs for a median.
 */
function runCount(runs: { quick: number; full: number }, job: ChildJob): number {
  if (job.quick) return runs.quick;
  if (job.leads >= 5_000_000) return runs.full > 3 ? 3 : 1;
  return runs.full;
}

async function main() {
  const job = JSON.parse(process.argv[2]) as ChildJob;
  // Only the module the job needs: the peak RSS is the operation's, and each of these modules'
  // graph costs tens of MB under tsx (all three loaded: +74 MB over the uniform list alone).
  if (job.op.startsWith('dial')) {
    const { dialThroughput, dialFloorThroughput, dialThroughputWithLiveView } = await import('./dial-throughput');
    const result = job.op.startsWith('dial_floor') ? await dialFloorThroughput(job) : job.op.startsWith('dial_live') ? await dialThroughputWithLiveView(job) : await dialThroughput(job);
    process.stdout.write(`${JSON.stringify({ ...result, peak_rss_mb: rssMb() })}\n`);
    return;
  }
  const operations: Operation[] = job.profile === 'delhi' ? (await import('./delhi-profile')).DELHI_OPERATIONS : (await import('./operations')).OPERATIONS;
  const op = operations.find((o) => o.name === job.op);
  if (!op) throw new Error(`unknown operation ${job.op}`);
  const runs = runCount(op.runs, job);
  const env = { leads: job.leads };
  const out: ChildResult = { op: op.name, runs_ms: [], floor_runs_ms: [], peak_rss_mb: 0, max_event_loop_delay_ms: 0, fingerprint_match: null };

  // Non-mutating operations share one copy per process; writing ones get one per run.
  let shared: Awaited<ReturnType<typeof freshCopy>> | null = null;
  // Non-mutating operations also keep one connection for all their runs (one for the service, one
  // for the floor), the warm-up run included: a console opens its database once and a fill or a
  // search runs on a connection that has run before. A new connection per run made every run pay
  // what only a console's first query pays: SQLite's page cache empty and, first in a process, its
  // memory faulted in (a 200-lead fill: 80–100 ms on a new connection, 6–10 ms on a used one; the
  // floor's simpler SQL hid most of it, 16 ms). On PostgreSQL a new pool is a new backend with
  // empty catalogue caches.
  const open: Partial<Record<'op' | 'floor', DbHandle>> = {};
  const session = async <T>(i: number, kind: 'op' | 'floor', body: (h: DbHandle, prepared: unknown) => Promise<T>) => {
    let copy = shared;
    if (op.fresh || !copy) {
      copy = await freshCopy(job.base, `${job.slot}-${kind}-${i}`);
      if (!op.fresh) shared = copy;
    }
    let h = op.fresh ? undefined : open[kind];
    if (!h) {
      h = await openBench(job.base.kind, copy.location);
      // The checkpoint worker starts in the background; a console opens its database once, so the
      // worker's start is not part of any one operation (it made fill runs of 14–30 ms).
      await h.ready?.();
      if (!op.fresh) open[kind] = h;
    }
    try {
      const prepared = op.setup ? await op.setup(h, env) : undefined;
      return await body(h, prepared);
    } finally {
      if (op.fresh) {
        await h.close();
        await copy.drop();
      }
    }
  };
  const closeOpen = async (kind: 'op' | 'floor') => {
    await open[kind]?.close();
    delete open[kind];
  };

  // Each side's warm-up runs on the connection its timed runs then use (see `open`).
  if (op.warmup) await session(-1, 'op', (h, prepared) => op.run(h, env, prepared));
  let fingerprint: string | undefined;
  for (let i = 0; i < runs; i++) {
    await session(i, 'op', async (h, prepared) => {
      // A new histogram per run: one that is disabled and enabled again records the whole time
      // it was off (the copy and setup between runs) as a single delay.
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      const probe = new LoopProbe();
      probe.start();
      // The histogram measures the gap between two of its timer's turns, and drops its first turn:
      // a block before that turn (a run that starts at once) is never seen, and a block the run
      // ends with is seen only if the timer turns again before `disable`. better-sqlite3 answers
      // synchronously, so a read on the main connection is one such block: without these two
      // waits a 200 ms report read as 0 ms. Neither wait is in the run's time.
      await sleep(25);
      const r = await timed(() => op.run(h, env, prepared));
      await sleep(20);
      histogram.disable();
      const gap = probe.stop();
      if (gap && gap.ms > (out.largest_loop_gap?.ms ?? -1)) out.largest_loop_gap = gap;
      out.max_event_loop_delay_ms = Math.max(out.max_event_loop_delay_ms, Math.round(histogram.max / 1e6));
      out.runs_ms.push(op.selfTimed ? op.selfTimed(r.value) : r.ms);
      if (i === 0 && op.fingerprint) fingerprint = await op.fingerprint(h, r.value);
      if (i === 0 && op.name === 'recycle') out.extra = { changed: (r.value as { changed: number }).changed };
      if (i === 0 && op.name === 'fix') out.extra = { fixed: (r.value as { fixed: number }).fixed, checked: (r.value as { checked: number }).checked };
      if (i === 0 && op.rows) out.extra = { ...out.extra, rows: op.rows(r.value, env) };
    });
  }
  out.peak_rss_mb = rssMb();
  await closeOpen('op');
  let floorFingerprint: string | undefined;
  if (op.floor) {
    if (op.warmup) await session(-1, 'floor', (h, prepared) => op.floor!(h, env, prepared));
    for (let i = 0; i < runs; i++) {
      await session(i, 'floor', async (h, prepared) => {
        const r = await timed(() => op.floor!(h, env, prepared));
        out.floor_runs_ms.push(r.ms);
        if (i === 0 && op.fingerprint) floorFingerprint = await op.fingerprint(h, r.value);
      });
    }
  }
  await closeOpen('floor');
  const left = shared as Awaited<ReturnType<typeof freshCopy>> | null;
  if (left) await left.drop();
  if (fingerprint !== undefined && floorFingerprint !== undefined) {
    out.fingerprint_match = fingerprint === floorFingerprint;
    if (!out.fingerprint_match) {
      out.fingerprint = fingerprint;
      out.floor_fingerprint = floorFingerprint;
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
