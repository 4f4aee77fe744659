// The console with its live view open, as its own process beside the dialer (issue 18: dial
// throughput with the live view open no more than 5% below without): opens the database the dial
// runs write to, reads every campaign's live figures through the console's own cache
// (LiveViewCache) on a cadence, and counts its reads. The cadence is stricter than the console's
// (fast figures every second instead of 5, the lead counts every 5 seconds instead of a minute):
// a dial run lasts seconds, and at the console's own cadence it would meet one read or none.
//
//   node --import tsx bench/live-view-process.ts '{"kind":"sqlite","location":"…"}'
// prints `ready` once the first full read is done, then reads until SIGTERM, then prints its counts.
import type { Clock } from '../main/db/time';
import { LiveViewCache } from '../main/services/reports/live-view';
import { BENCH_NOW } from './dataset';
import { openBench, type BenchDb } from './databases';

export const LIVE_FAST_MS = 1_000;
export const LIVE_SLOW_MS = 5_000;

async function main() {
  const { kind, location } = JSON.parse(process.argv[2]) as { kind: BenchDb; location: string };
  const h = await openBench(kind, location);
  await h.ready?.();
  // The bench's fixed instant (every calling window open), moving on with real time.
  const started = Date.now();
  const clock: Clock = () => new Date(Date.parse(BENCH_NOW) + (Date.now() - started));
  const live = new LiveViewCache(h, clock, { fastMs: LIVE_FAST_MS, slowMs: LIVE_SLOW_MS, problems: false });
  await live.view();
  process.stdout.write('ready\n');
  let stopping = false;
  let refreshes = 0;
  let slowest = 0;
  process.on('SIGTERM', () => (stopping = true));
  while (!stopping) {
    const wait = Math.max(0, live.nextReadAt() - clock().getTime());
    await new Promise((r) => setTimeout(r, Math.min(wait, 100)));
    if (stopping || clock().getTime() < live.nextReadAt()) continue;
    const t0 = performance.now();
    await live.refresh();
    slowest = Math.max(slowest, performance.now() - t0);
    refreshes += 1;
  }
  const reads = [...live.reads.values()].reduce((s, r) => ({ fast: s.fast + r.fast, slow: s.slow + r.slow }), { fast: 0, slow: 0 });
  await h.close();
  process.stdout.write(`${JSON.stringify({ refreshes, slowest_refresh_ms: Math.round(slowest), reads })}\n`);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
