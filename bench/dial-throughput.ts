// recordDialAttempt throughput: live dial results, one per call, each in its own transaction
// (the dialer's path), on one connection and, on PostgreSQL, from 8 workers at once. The floor
// (floors/dial-floor.ts) writes the same rows with hand-written statements on the driver.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fixedClock } from '../main/db/time';
import { createServices } from '../main/services/create-services';
import type { ChildJob } from './child-job';
import { BENCH_NOW } from './dataset';
import { freshCopy, openBench } from './databases';
import { openDialFloor } from './floors/dial-floor';
import { leadsFingerprint } from './operations';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const RESULTS = ['no_answer', 'busy', 'voicemail', 'contacted', 'dropped', null] as const;
const ROUNDS = 3;

function callsPerRound(job: ChildJob): number {
  if (job.quick) return 1000;
  return job.base.kind === 'sqlite' ? 5000 : 3000;
}

function parallelism(op: string): number {
  const m = /^dial(?:_floor|_live)?_(\d+)$/.exec(op);
  return m ? Number(m[1]) : 1;
}

interface DialResult {
  op: string;
  runs_ms: number[];
  floor_runs_ms: number[];
  calls_per_round: number;
  workers: number;
  calls_per_second: number;
  /** The database after the rounds (leadsFingerprint): service and floor must leave the same. */
  fingerprint: string;
}

type Handle = Awaited<ReturnType<typeof openBench>>;

/** What one round runs, set up on the fresh copy before the clock starts; closed before it is dropped. */
interface Runner {
  round(round: number, n: number, workers: number): Promise<void>;
  close?(): Promise<void>;
}

/** A fresh copy of the base, opened for `workers` connections and ready, for `use`; closed and dropped after. */
async function onFreshCopy<T>(job: ChildJob, workers: number, use: (h: Handle, location: string) => Promise<T>): Promise<T> {
  const copy = await freshCopy(job.base, `${job.slot}-dial`);
  const h = await openBench(job.base.kind, copy.location, Math.max(4, workers));
  await h.ready?.(); // see child.ts
  try {
    return await use(h, copy.location);
  } finally {
    await h.close();
    await copy.drop();
  }
}

async function rounds(job: ChildJob, setup: (h: Handle, location: string, workers: number) => Runner) {
  const workers = parallelism(job.op);
  const n = callsPerRound(job);
  const times: number[] = [];
  const fingerprint = await onFreshCopy(job, workers, async (h, location) => {
    const runner = setup(h, location, workers);
    try {
      // Round 0 is not timed: in a fresh process on a fresh copy it measures V8 compiling the
      // path, each connection preparing its statements and the WAL file growing for the first
      // time, not the steady rate a dialer sees. Service and floor both get it.
      await runner.round(0, n, workers);
      for (let round = 1; round <= ROUNDS; round++) {
        const t0 = performance.now();
        await runner.round(round, n, workers);
        times.push(performance.now() - t0);
      }
    } finally {
      await runner.close?.();
    }
    return leadsFingerprint(h);
  });
  return { times, n, workers, fingerprint };
}

/** Spreads calls over the leads; every call has a new uuid and starts after the last one. */
function callOf(job: ChildJob, round: number, i: number, n: number) {
  const k = round * n + i;
  return {
    call_uuid: `bench-dial-${job.op}-${k}`,
    lead_id: 1 + ((k * 7919) % job.leads),
    started_at: new Date(Date.parse(BENCH_NOW) + k).toISOString(),
    result: RESULTS[k % RESULTS.length],
    hangup_cause: RESULTS[k % RESULTS.length] === null ? '486' : null,
  };
}

async function inWorkers(workers: number, n: number, each: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        await each(i);
      }
    }),
  );
}

function summary(op: string, { times, n, workers, fingerprint }: Awaited<ReturnType<typeof rounds>>, floor: boolean): DialResult {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    op,
    runs_ms: floor ? [] : times,
    floor_runs_ms: floor ? times : [],
    calls_per_round: n,
    workers,
    calls_per_second: Math.round((n / median) * 1000),
    fingerprint,
  };
}

export async function dialThroughput(job: ChildJob): Promise<DialResult> {
  const result = await rounds(job, (h) => {
    const { hopper } = createServices(h, fixedClock(BENCH_NOW));
    return { round: (round, count, w) => inWorkers(w, count, (i) => hopper.recordDialAttempt(callOf(job, round, i, count)).then(() => undefined)) };
  });
  return summary(job.op, result, false);
}

/** Each window of the live comparison: longer than the console's minute between two lead counts. */
export const LIVE_WINDOW_MS = 65_000;
const LIVE_WARM_UP_MS = 30_000;

/**
 * The dial with the console's live view open in another process (live-view-process.ts), against
 * the same dial without it, on one copy in one process: a window of dialing without, then the
 * live view starts (its first full read untimed) and a window with it, then it stops and a last
 * window without. Each window lasts longer than the minute between two of the live view's lead
 * counts, so the one with it meets one, as a dialer beside an open console does; a window of a few
 * seconds would meet none or, at a stricter cadence, one every few seconds. The rates are each
 * window's calls over its time (a median of rounds would leave out the round the lead count
 * slowed). The windows without come before and after the one with, so that a drift of the rate
 * as the database takes the calls (a first measurement: 2,677 calls/s, then 2,481 with the live
 * view, on SQLite) falls on both sides; a warm-up of 30 s goes before them.
 */
export async function dialThroughputWithLiveView(job: ChildJob): Promise<DialResult & { floor_calls_per_second: number; extra: Record<string, unknown> }> {
  const workers = parallelism(job.op);
  const n = callsPerRound(job);
  return onFreshCopy(job, workers, async (h, location) => {
    const { hopper } = createServices(h, fixedClock(BENCH_NOW));
    let round = 0;
    const dialRound = async () => {
      const r = round++;
      await inWorkers(workers, n, (i) => hopper.recordDialAttempt(callOf(job, r, i, n)).then(() => undefined));
    };
    const window = async (ms = LIVE_WINDOW_MS) => {
      const t0 = performance.now();
      let rounds = 0;
      while (performance.now() - t0 < ms) {
        await dialRound();
        rounds += 1;
      }
      return { rounds, ms: performance.now() - t0 };
    };
    type Window = Awaited<ReturnType<typeof window>>;
    const perSecond = (w: Window) => Math.round(((w.rounds * n) / w.ms) * 1000);
    const msPerThousand = (w: Window) => (w.ms / (w.rounds * n)) * 1000;
    // Untimed, longer than rounds()' one round: a fresh PostgreSQL copy dialed 683 calls/s in its
    // first minute and 1,095 in its third (pages read for the first time, autovacuum of the copy).
    await window(LIVE_WARM_UP_MS);
    const before = await window();
    const console_ = startLiveView(job.base.kind, location);
    await console_.ready;
    let extra: Record<string, unknown> = {};
    let withLive: Window;
    try {
      withLive = await window();
    } finally {
      extra = await console_.stop();
    }
    const after = await window();
    const without = { rounds: before.rounds + after.rounds, ms: before.ms + after.ms };
    return {
      op: job.op,
      // One figure per side, in ms per 1,000 calls: their ratio is the slowdown.
      runs_ms: [msPerThousand(withLive)],
      floor_runs_ms: [msPerThousand(without)],
      calls_per_round: n,
      workers,
      calls_per_second: perSecond(withLive),
      floor_calls_per_second: perSecond(without),
      fingerprint: await leadsFingerprint(h),
      extra: { ...extra, window_ms: LIVE_WINDOW_MS, calls_per_second_before: perSecond(before), calls_per_second_after: perSecond(after), rounds_without: without.rounds, rounds_with: withLive.rounds },
    };
  });
}

function startLiveView(kind: ChildJob['base']['kind'], location: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'live-view-process.ts'), JSON.stringify({ kind, location })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready\n')) resolve();
    });
    void exited.then((code) => reject(new Error(`the live view process exited with ${code}: ${err.trim()}`)));
  });
  return {
    ready,
    stop: async (): Promise<Record<string, unknown>> => {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`the live view process failed: ${err.trim()}`);
      return { live_view: JSON.parse(out.trim().split('\n').pop()!) };
    },
  };
}

export async function dialFloorThroughput(job: ChildJob): Promise<DialResult> {
  const result = await rounds(job, (h, location, w) => {
    const floor = openDialFloor(h, location, w);
    return { round: (round, count) => inWorkers(w, count, (i) => floor.dial(callOf(job, round, i, count), BENCH_NOW)), close: () => floor.close() };
  });
  return summary(job.op.replace('_floor', ''), result, true);
}
