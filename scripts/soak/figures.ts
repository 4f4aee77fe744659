// Everything a soak run measured, in one JSON-able object, and the invariants it must hold:
// the list of violations is empty exactly when the run passed.
import { sql } from 'kysely';
import type { DbHandle } from '../../main/db/open-database';
import type { HopperFigures, JobFigures } from './checks';
import type { LatencySummary } from './latency';
import { machineInfo, type LoadSample, type MachineInfo } from './machine';
import type { SoakOptions } from './options';
import type { ConsoleMessage, DialerSummary } from './protocol';
import type { SoakDataset } from './setup';
import { EXPECTED_REFUSALS, type SupervisorFigures } from './supervisor';

export interface IpcFigure extends LatencySummary {
  ok: number;
  refused: number;
  errors: number;
}

export interface SoakFigures {
  taken_at: string;
  settings: { minutes: number; consoles: number; calls_per_second: number; leads: number; schedules: string; clock_offset_ms: number };
  machine: MachineInfo;
  load_average: { samples: LoadSample[]; mean_1min: number; max_1min: number };
  setup_seconds: number;
  load_seconds: number;
  ipc: Record<string, IpcFigure>;
  ipc_errors: SupervisorFigures['errors'];
  expected_refusals: string[];
  supervisor: { recycles: number; recycled_leads: number; undos: number; undone_leads: number; undos_refused: number };
  dialer: (Omit<DialerSummary, 'latency'> & { calls_per_second: number; latency: Record<string, LatencySummary> }) | null;
  hopper: HopperFigures;
  jobs: JobFigures;
  /** Deadlocks PostgreSQL detected during the run; each was retried inside, none reached a caller. */
  postgres_deadlocks: number;
  consoles: { index: number; runner: string; runs_recorded: number | null; internal_errors: string[] }[];
  /** "Database unavailable" shown to a user by a console. */
  alerts: string[];
  /** Operations by kind and state at the end. */
  operations: Record<string, number>;
  operations_left_running: { id: string; kind: string; started_at: string | null }[];
}

export interface FigureInputs {
  options: SoakOptions;
  dataset: SoakDataset;
  setupMs: number;
  loadMs: number;
  clockOffsetMs: number;
  supervisor: SupervisorFigures;
  dialer: DialerSummary | null;
  consoles: { index: number; runner: string; stopped: Extract<ConsoleMessage, { type: 'stopped' }> | null }[];
  alerts: string[];
  hopper: HopperFigures;
  jobs: JobFigures;
  deadlocks: number;
  leftRunning: SoakFigures['operations_left_running'];
  loadSamples: LoadSample[];
}

export async function collectFigures(handle: DbHandle, i: FigureInputs): Promise<SoakFigures> {
  const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db);
  const ops = await handle.db.selectFrom('operations').select(['kind', 'state', sql<string>`count(*)`.as('n')]).groupBy(['kind', 'state']).execute();
  const latencies = i.supervisor.latency.summary();
  const ipc: Record<string, IpcFigure> = {};
  for (const [channel, counts] of [...i.supervisor.counts].sort(([a], [b]) => a.localeCompare(b))) {
    ipc[channel] = { ...counts, ...(latencies[channel] ?? { count: 0, p50_ms: 0, p95_ms: 0, p99_ms: 0, max_ms: 0 }) };
  }
  const loads = i.loadSamples.map((s) => s.load[0]);
  const s = i.supervisor;
  return {
    taken_at: new Date().toISOString(),
    settings: {
      minutes: Math.round((i.options.durationMs / 60_000) * 100) / 100,
      consoles: i.options.consoles,
      calls_per_second: i.options.callsPerSecond,
      leads: i.dataset.leads,
      schedules: i.options.schedules,
      clock_offset_ms: i.clockOffsetMs,
    },
    machine: machineInfo(version.rows[0]?.v ?? 'unknown'),
    load_average: {
      samples: i.loadSamples,
      mean_1min: Math.round((loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)) * 100) / 100,
      max_1min: Math.max(...loads),
    },
    setup_seconds: Math.round(i.setupMs / 100) / 10,
    load_seconds: Math.round(i.loadMs / 100) / 10,
    ipc,
    ipc_errors: s.errors,
    expected_refusals: [...EXPECTED_REFUSALS],
    supervisor: { recycles: s.recycles, recycled_leads: s.recycled_leads, undos: s.undos, undone_leads: s.undone_leads, undos_refused: s.undos_refused },
    dialer: i.dialer ? { ...i.dialer, calls_per_second: Math.round((i.dialer.claimed / Math.max(1, i.dialer.dialing_seconds)) * 10) / 10 } : null,
    hopper: i.hopper,
    jobs: i.jobs,
    postgres_deadlocks: i.deadlocks,
    consoles: i.consoles.map((c) => ({
      index: c.index,
      runner: c.runner,
      runs_recorded: c.stopped?.runsRecorded ?? null,
      internal_errors: c.stopped?.internalErrors ?? [],
    })),
    alerts: i.alerts,
    operations: Object.fromEntries(ops.map((o) => [`${o.kind} ${o.state}`, Number(o.n)])),
    operations_left_running: i.leftRunning,
  };
}

/** The invariants; each broken one is a line. */
export function violationsOf(f: SoakFigures): string[] {
  const v: string[] = [];
  const ipcErrors = Object.values(f.ipc).reduce((n, c) => n + c.errors, 0);
  if (ipcErrors > 0) v.push(`${ipcErrors} IPC calls failed with an error a user would see (first: ${describe(f.ipc_errors[0])}).`);
  for (const c of f.consoles) {
    if (c.runs_recorded === null) v.push(`console ${c.index} did not stop cleanly.`);
    if (c.internal_errors.length > 0) v.push(`console ${c.index} logged ${c.internal_errors.length} internal errors (first: ${c.internal_errors[0].split('\n')[0]}).`);
  }
  for (const a of f.alerts) v.push(`A console told its user the database was unavailable: ${a}`);
  if (!f.dialer) v.push('The dialer did not stop cleanly.');
  else {
    if (f.dialer.errors.length > 0) v.push(`The dialer met ${f.dialer.errors.length} errors (first: ${f.dialer.errors[0].call}: ${f.dialer.errors[0].message}).`);
    if (f.dialer.double_claims.length > 0) v.push(`${f.dialer.double_claims.length} leads were handed to the dialer while it still held them (first: lead ${f.dialer.double_claims[0].lead_id}).`);
    // A lead handed out twice is dialed once (its second claim is the violation above).
    const placed = f.dialer.claimed - f.dialer.double_claims.length;
    if (f.dialer.recorded !== placed) v.push(`The dialer placed ${placed} calls but ${f.dialer.recorded} results were recorded.`);
  }
  for (const op of f.operations_left_running ?? []) v.push(`Operation ${op.id} (${op.kind}, started ${op.started_at}) was left 'running' after every console stopped.`);
  if (f.hopper.duplicate_leads.length > 0) v.push(`Leads queued twice in the hopper: ${f.hopper.duplicate_leads.slice(0, 10).join(', ')}.`);
  if (f.hopper.dialing_left_at_end > 0) v.push(`${f.hopper.dialing_left_at_end} hopper rows were left 'dialing' after every call was reported.`);
  const j = f.jobs;
  if (j.ticks_expected === 0) v.push('No job tick fell inside the run: it proves nothing about ticks (run it longer).');
  if (j.ticks_missing.length > 0) v.push(`${j.ticks_missing.length} job ticks never ran (first: ${j.ticks_missing[0].job} at ${j.ticks_missing[0].tick}).`);
  if (j.ticks_twice.length > 0) v.push(`${j.ticks_twice.length} job ticks ran more than once (first: ${j.ticks_twice[0].job} at ${j.ticks_twice[0].tick}).`);
  if (j.failed.length > 0) v.push(`${j.failed.length} job runs failed (first: ${j.failed[0].job}: ${j.failed[0].error}).`);
  if (j.left_running > 0) v.push(`${j.left_running} job runs were left 'running'.`);
  if (j.overlaps.length > 0) v.push(`${j.overlaps.length} times two runs of one job overlapped (first: ${j.overlaps[0].job}, runs ${j.overlaps[0].first} and ${j.overlaps[0].second}).`);
  if (j.foreign_runners.length > 0) v.push(`Job runs by a runner that is none of the consoles: ${j.foreign_runners.join(', ')}.`);
  return v;
}

function describe(e: SoakFigures['ipc_errors'][number] | undefined): string {
  return e ? `console ${e.console} ${e.channel}: ${e.code} ${e.message}` : 'none kept';
}
