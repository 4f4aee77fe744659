// One soak run on a PostgreSQL database: seed it, launch the consoles and the dialer, let the
// supervisor work for the duration while the hopper is watched, stop everything (each process
// finishes what it started), then check the invariants. Returns the figures and the violations;
// the caller prints and saves them (run.ts, the test).
import { openDatabase } from '../../main/db/open-database';
import { buildChildren } from './bundle';
import { checkJobRuns, deadlocksSoFar, operationsLeftRunning, watchHopper } from './checks';
import { ConsoleChild, DialerChild } from './children';
import { machineNow, type LoadSample } from './machine';
import type { SoakOptions } from './options';
import { offsetClock } from './protocol';
import { collectFigures, violationsOf, type SoakFigures } from './figures';
import { prepareDatabase } from './setup';
import { superviseUntil } from './supervisor';

/** After a tick, the consoles' trigger (every 5 s) and the claim: a tick older than this at stop must have run. */
const TICK_GRACE_MS = 7000;

export interface SoakRun {
  figures: SoakFigures;
  violations: string[];
}

export async function runSoak(options: SoakOptions & { databaseUrl: string }, log: (line: string) => void = () => undefined): Promise<SoakRun> {
  const t0 = Date.now();
  log(`Seeding ${options.leads.toLocaleString('en-US')} leads…`);
  const dataset = await prepareDatabase(options.databaseUrl, options);
  const setupMs = Date.now() - t0;

  const entries = await buildChildren();
  const launchedAt = Date.now();
  const clockOffsetMs = options.firstTickAfterMs === undefined ? 0 : Math.ceil((launchedAt + options.firstTickAfterMs) / 60_000) * 60_000 - (launchedAt + options.firstTickAfterMs);
  const clock = offsetClock(clockOffsetMs);
  const child = (index: number) => ({ databaseUrl: options.databaseUrl, clockOffsetMs, index, callsPerSecond: options.callsPerSecond });
  const handle = await openDatabase({ kind: 'postgres', url: options.databaseUrl }, { poolSize: 2 });
  const alerts: string[] = [];
  log(`Starting ${options.consoles} consoles and the dialer…`);
  const consoles = Array.from({ length: options.consoles }, (_, i) => new ConsoleChild(i + 1, entries['console-process'], child(i + 1), (index, message) => alerts.push(`console ${index}: ${message}`)));
  const dialer = new DialerChild(entries['dialer-process'], child(0));
  try {
    const readyAt: number[] = [];
    await Promise.all([...consoles.map((c) => c.ready().then(() => readyAt.push(clock().getTime()))), dialer.ready()]);
    log(`Consoles and dialer up after ${((Date.now() - launchedAt) / 1000).toFixed(1)} s.`);
    const deadlocksBefore = await deadlocksSoFar(handle);
    const loadSamples: LoadSample[] = [machineNow()];
    const sampler = setInterval(() => loadSamples.push(machineNow()), 30_000);
    sampler.unref();
    const hopper = watchHopper(handle, 2000);
    const loadStart = Date.now();
    log(`Running for ${Math.round(options.durationMs / 1000)} s: ${options.callsPerSecond} calls/s, a supervisor recycling and undoing, ${options.consoles} consoles with jobs on…`);
    // With an aligned clock the load lasts at least until the aligned tick has had time to run.
    const alignedTickDone = options.firstTickAfterMs === undefined ? 0 : launchedAt + options.firstTickAfterMs + TICK_GRACE_MS + 1000;
    const stopLoadAt = Math.max(loadStart + options.durationMs, alignedTickDone);
    const supervisor = await superviseUntil({ consoles, campaigns: dataset.campaigns, lists: dataset.lists, stopAt: stopLoadAt });
    const loadMs = Date.now() - loadStart;
    log('Stopping: the dialer reports its calls still ringing, the consoles finish their job runs…');
    const dialerSummary = await dialer.stop();
    await hopper.stop();
    const stopAt = clock().getTime();
    const stopped = await Promise.all(consoles.map((c) => c.stop()));
    clearInterval(sampler);
    loadSamples.push(machineNow());
    const hopperFigures = await hopper.finish();
    const jobs = await checkJobRuns(handle, new Date(Math.min(...readyAt)), new Date(stopAt - TICK_GRACE_MS), consoles.map((c) => c.runner));
    const deadlocks = (await deadlocksSoFar(handle)) - deadlocksBefore;
    const leftRunning = await operationsLeftRunning(handle);
    const figures = await collectFigures(handle, {
      options,
      dataset,
      setupMs,
      loadMs,
      clockOffsetMs,
      supervisor,
      dialer: dialerSummary,
      consoles: consoles.map((c, i) => ({ index: c.index, runner: c.runner, stopped: stopped[i] })),
      alerts,
      hopper: hopperFigures,
      jobs,
      deadlocks,
      leftRunning,
      loadSamples,
    });
    return { figures, violations: violationsOf(figures) };
  } finally {
    // Whatever failed above, no child outlives the soak.
    for (const c of consoles) await c.stop().catch(() => undefined);
    await dialer.stop().catch(() => undefined);
    await handle.close();
  }
}
