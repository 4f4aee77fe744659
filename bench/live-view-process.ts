// The console with its live view open, as its own process beside the dialer (issue 18: dial
// throughput with the live view open no more than 5% below without): opens the database the dial
// runs write to, reads every campaign's live figures through the console's own cache
// (LiveViewCache) at the console's own cadence (the figures every 5 seconds, the lead counts every
// minute: LiveViewCache's defaults), and counts its reads. The dial runs beside it last longer
// than a minute (dial-throughput.ts), so they meet its once-a-minute count as a console's dialer
// does. Problem counts (every 10 minutes in a console) are left out: a minute's window would
// charge a whole one to it (their cost is in docs/reports.md).
//
//   node --import tsx bench/live-view-process.ts '{"kind":"sqlite","location":"…"}'
// prints `ready` once the first full read is done, then reads until SIGTERM, then prints its counts.
import type { Clock } from '../main/db/time';
import { LiveViewCache } from '../main/services/reports/live-view';
import { BENCH_NOW } from './dataset';
import { openBench, type BenchDb } from './databases';

async function main() {
  const { kind, location } = JSON.parse(process.argv[2]) as { kind: BenchDb; location: string };
  const h = await openBench(kind, location);
  await h.ready?.();
  // The bench's fixed instant (every calling window open), moving on with real time.
  const started = Date.now();
  const clock: Clock = () => new Date(Date.parse(BENCH_NOW) + (Date.now() - started));
  const live = new LiveViewCache(h, clock, { problems: false });
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
