// Time to a command's first answer (issue 19, item 6): whole processes, `lead-console --help` and
// `breakdown` of the demo's first list, each run in turn with `node -e 0` (the floor: Node
// starting and exiting) and taken as the median of the pairwise ratios, so that a machine whose
// speed drifts during the runs moves both sides of each ratio alike.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from './databases';

const BIN = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'bin', 'lead-console.mjs');

export interface StartEntry {
  operation: string;
  runs: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  /** `node -e 0`, run in turn with the command. */
  node_ms: number;
  /** Median of (command / node -e 0), pair by pair. */
  ratio_to_node: number;
  /** The bundle or tsx (bin/lead-console.mjs). */
  started_from: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

function timed(args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 120_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return { ms, stderr: r.stderr };
}

function measure(operation: string, args: string[], runs: number): StartEntry {
  // Which way the bin starts (and a rebuild, if the bundle is stale, before the timed runs).
  const trace = timed([BIN, ...args], { LEAD_CONSOLE_START_TRACE: '1' }).stderr;
  const startedFrom = /started from (.*)/.exec(trace)?.[1] ?? 'unknown';
  timed(['-e', '0']);
  const cmd: number[] = [];
  const node: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = timed([BIN, ...args]).ms;
    const b = timed(['-e', '0']).ms;
    cmd.push(a);
    node.push(b);
    ratios.push(a / b);
  }
  return {
    operation,
    runs,
    median_ms: r1(median(cmd)),
    min_ms: r1(Math.min(...cmd)),
    max_ms: r1(Math.max(...cmd)),
    node_ms: r1(median(node)),
    ratio_to_node: Math.round(median(ratios) * 100) / 100,
    started_from: startedFrom,
  };
}

export function measureStartTimes(quick: boolean): StartEntry[] {
  const runs = quick ? 5 : 15;
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const demo = path.join(DATA_DIR, `start-demo-${process.pid}.sqlite`);
  try {
    const seeded = spawnSync(process.execPath, [BIN, 'seed-demo', '--db', demo, '--json'], { env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr.trim()}`);
    return [measure('cli_help', ['--help'], runs), measure('cli_breakdown_demo', ['breakdown', '--db', demo, '--list', '1'], runs)];
  } finally {
    for (const f of [demo, `${demo}-wal`, `${demo}-shm`]) fs.rmSync(f, { force: true });
  }
}

export function printStartTimes(entries: StartEntry[]): void {
  console.log('\nstart-up (whole process)      median ms  min–max ms   node -e 0 ms  ratio  from');
  for (const e of entries) {
    console.log(`${e.operation.padEnd(28)}  ${String(e.median_ms).padStart(9)}  ${`${e.min_ms}–${e.max_ms}`.padStart(11)}  ${String(e.node_ms).padStart(12)}  ${e.ratio_to_node.toFixed(2).padStart(5)}  ${e.started_from}`);
  }
}
