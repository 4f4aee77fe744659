// One operation on one database, in its own process so that its peak RSS is its own.
// argv: <json job>. Prints one JSON line (the measurement) on stdout.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChildJob } from './child-job';
import { freshCopy, openBench } from './databases';
import { OPERATIONS } from './operations';
import { DELHI_OPERATIONS } from './delhi-profile';
import { dialThroughput, dialFloorThroughput, dialThroughputWithLiveView } from './dial-throughput';

export interface ChildResult {
  op: string;
  runs_ms: number[];
  floor_runs_ms: number[];
  /** Peak RSS of the process after the service runs (before any floor run), MB. */
  peak_rss_mb: number;
  /** Largest event-loop delay seen during the service runs, ms. */
  max_event_loop_delay_ms: number;
  fingerprint_match: boolean | null;
  fingerprint?: string;
  floor_fingerprint?: string;
  extra?: Record<string, unknown>;
}

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
  if (job.op.startsWith('dial')) {
    const result = job.op.startsWith('dial_floor') ? await dialFloorThroughput(job) : job.op.startsWith('dial_live') ? await dialThroughputWithLiveView(job) : await dialThroughput(job);
    process.stdout.write(`${JSON.stringify({ ...result, peak_rss_mb: rssMb() })}\n`);
    return;
  }
  const op = (job.profile === 'delhi' ? DELHI_OPERATIONS : OPERATIONS).find((o) => o.name === job.op);
  if (!op) throw new Error(`unknown operation ${job.op}`);
  const runs = runCount(op.runs, job);
  const env = { leads: job.leads };
  const out: ChildResult = { op: op.name, runs_ms: [], floor_runs_ms: [], peak_rss_mb: 0, max_event_loop_delay_ms: 0, fingerprint_match: null };

  // Non-mutating operations share one copy per process; writing ones get one per run.
  let shared: Awaited<ReturnType<typeof freshCopy>> | null = null;
  const session = async <T>(i: number, kind: 'op' | 'floor', body: (h: Awaited<ReturnType<typeof openBench>>, prepared: unknown) => Promise<T>) => {
    let copy = shared;
    if (op.fresh || !copy) {
      copy = await freshCopy(job.base, `${job.slot}-${kind}-${i}`);
      if (!op.fresh) shared = copy;
    }
    const h = await openBench(job.base.kind, copy.location);
    // The checkpoint worker starts in the background; a console opens its database once, so the
    // worker's start is not part of any one operation (it made fill runs of 14–30 ms).
    await h.ready?.();
    try {
      const prepared = op.setup ? await op.setup(h, env) : undefined;
      return await body(h, prepared);
    } finally {
      await h.close();
      if (op.fresh) await copy.drop();
    }
  };

  if (op.warmup) {
    await session(-1, 'op', (h, prepared) => op.run(h, env, prepared));
    if (op.floor) await session(-1, 'floor', (h, prepared) => op.floor!(h, env, prepared));
  }
  let fingerprint: string | undefined;
  for (let i = 0; i < runs; i++) {
    await session(i, 'op', async (h, prepared) => {
      // A new histogram per run: one that is disabled and enabled again records the whole time
      // it was off (the copy and setup between runs) as a single delay.
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      const r = await timed(() => op.run(h, env, prepared));
      histogram.disable();
      out.max_event_loop_delay_ms = Math.max(out.max_event_loop_delay_ms, Math.round(histogram.max / 1e6));
      out.runs_ms.push(op.selfTimed ? op.selfTimed(r.value) : r.ms);
      if (i === 0 && op.fingerprint) fingerprint = await op.fingerprint(h, r.value);
      if (i === 0 && op.name === 'recycle') out.extra = { changed: (r.value as { changed: number }).changed };
      if (i === 0 && op.name === 'fix') out.extra = { fixed: (r.value as { fixed: number }).fixed, checked: (r.value as { checked: number }).checked };
      if (i === 0 && op.rows) out.extra = { ...out.extra, rows: op.rows(r.value, env) };
    });
  }
  out.peak_rss_mb = rssMb();
  let floorFingerprint: string | undefined;
  if (op.floor) {
    for (let i = 0; i < runs; i++) {
      await session(i, 'floor', async (h, prepared) => {
        const r = await timed(() => op.floor!(h, env, prepared));
        out.floor_runs_ms.push(r.ms);
        if (i === 0 && op.fingerprint) floorFingerprint = await op.fingerprint(h, r.value);
      });
    }
  }
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
