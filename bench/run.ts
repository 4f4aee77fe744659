// `npm run bench [-- --leads N --db sqlite|postgres|both --quick]`: generates the dataset once
// per database, runs every operation in its own child process (its service runs, then its
// floor runs), prints the table and writes bench/results.json.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { ChildJob } from './child-job';
import { generateDataset, type DatasetInfo } from './dataset';
import type { DatabaseTarget } from '../main/db/database-config';
import { sqliteDatabases } from '../scripts/fresh-database';
import { DATA_DIR, benchPgDatabases, openBench, startEmbeddedPostgres, urlWithDatabase, type BaseRef, type BenchDb } from './databases';
import { OPERATIONS } from './operations';
import { parseArgs } from './args';
import { buildEntry, printTable, type DbResults, type OpEntry } from './report';
import { measureStartTimes, printStartTimes, type StartEntry } from './start-time';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const RESULTS_FILE = path.join(HERE, 'results.json');

function runChild(job: ChildJob): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'child.ts'), JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${job.op} on ${job.base.kind} failed:\n${err.trim()}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

async function prepareBase(kind: BenchDb, leads: number, pgUrl: string | null): Promise<{ base: BaseRef; info: DatasetInfo }> {
  let base: BaseRef;
  let location: string;
  if (kind === 'sqlite') {
    // The pid keeps two bench runs on one machine (two engineers) out of each other's files.
    const { file } = (await sqliteDatabases({ dir: DATA_DIR }).fresh(`base-${leads}-${process.pid}`)) as Extract<DatabaseTarget, { kind: 'sqlite' }>;
    base = { kind, file };
    location = file;
  } else {
    await benchPgDatabases(pgUrl!).fresh('bench_base');
    base = { kind, serverUrl: pgUrl!, baseName: 'bench_base' };
    location = urlWithDatabase(pgUrl!, 'bench_base');
  }
  const h = await openBench(kind, location);
  try {
    let last = 0;
    const info = await generateDataset(h, leads, (done) => {
      if (done - last >= leads / 10 || done === leads) {
        last = done;
        process.stdout.write(`  ${kind}: ${done.toLocaleString('en-US')} leads written\r`);
      }
    });
    process.stdout.write('\n');
    if (kind === 'sqlite') {
      await sql`analyze`.execute(h.db);
      await sql`pragma wal_checkpoint(truncate)`.execute(h.db);
    } else {
      await sql`vacuum analyze`.execute(h.db);
    }
    return { base, info };
  } finally {
    await h.close();
  }
}

/**
 * Writes back what the operation before left dirty (its copies, their WAL, the files it deleted)
 * before the next one starts, untimed. Without it a dial run right after the sync measures the
 * sync's write-back: its commits and its checkpoints' syncs wait behind that I/O.
 */
function settleDisk(): void {
  try {
    execFileSync('sync', { stdio: 'ignore', timeout: 120_000 });
  } catch {
    // No `sync` here (Windows): the runs then share the disk with the write-back.
  }
}

function loadAverage(): number[] {
  return os.loadavg().map((x) => Math.round(x * 100) / 100);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const started = Date.now();
  const results: Record<string, DbResults> = {};
  let pg: { url: string; stop(): Promise<void> } | null = null;
  try {
    // `--only start`: no dataset is needed.
    const onlyStart = args.only.length > 0 && args.only.every((o) => o === 'start');
    for (const kind of onlyStart ? [] : args.dbs) {
      let pgUrl: string | null = null;
      if (kind === 'postgres') {
        if (process.env.BENCH_DATABASE_URL) pgUrl = process.env.BENCH_DATABASE_URL;
        else {
          pg = await startEmbeddedPostgres();
          pgUrl = pg.url;
        }
      }
      console.log(`${kind}: generating ${args.leads.toLocaleString('en-US')} leads…`);
      const { base, info } = await prepareBase(kind, args.leads, pgUrl);
      console.log(`${kind}: ${info.leads.toLocaleString('en-US')} leads, ${info.calls.toLocaleString('en-US')} calls in ${info.seconds.toFixed(1)} s`);
      const ops: OpEntry[] = [];
      const names = [...OPERATIONS.map((o) => o.name).filter((n) => args.only.length === 0 || args.only.includes(n)), 'dial_1', 'dial_floor_1'];
      if (kind === 'postgres') names.push('dial_8', 'dial_floor_8');
      const dial: Record<string, Record<string, unknown>> = {};
      for (const name of names) {
        if (name.startsWith('dial') && args.only.length > 0 && !args.only.includes('dial')) continue;
        settleDisk();
        const loadBefore = loadAverage()[0];
        const t0 = Date.now();
        const r = await runChild({ op: name, base, leads: args.leads, quick: args.quick, slot: `${kind}-${name}-${process.pid}` });
        if (name.startsWith('dial')) {
          dial[name] = r;
          const workers = name.replace(/^dial(_floor)?_/, '');
          if (name.startsWith('dial_floor') && dial[`dial_${workers}`]) {
            const service = dial[`dial_${workers}`];
            // Each call dials a different lead, so the order the workers ran them in cannot matter.
            ops.push(buildEntry(`recordDialAttempt x${workers}`, { ...service, fingerprint_match: service.fingerprint === r.fingerprint }, r, loadBefore));
            console.log(`  ${ops[ops.length - 1].operation}: ${ops[ops.length - 1].calls_per_second} calls/s (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
          }
          continue;
        }
        ops.push(buildEntry(name, r, null, loadBefore));
        const e = ops[ops.length - 1];
        console.log(`  ${name}: median ${e.median_ms} ms, floor ${e.floor_ms ?? '-'} ms, ratio ${e.ratio ?? '-'}, rss ${e.peak_rss_mb} MB${e.same_result === false ? ' (FLOOR RESULT DIFFERS)' : ''} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      }
      results[kind] = { dataset: info, operations: ops };
      if (kind === 'postgres' && !process.env.BENCH_DATABASE_URL) {
        await benchPgDatabases(pgUrl!).drop({ kind: 'postgres', url: urlWithDatabase(pgUrl!, 'bench_base') });
      }
      if (base.kind === 'sqlite' && base.file) for (const f of [base.file, `${base.file}-wal`, `${base.file}-shm`]) fs.rmSync(f, { force: true });
    }
  } finally {
    if (pg) await pg.stop();
  }
  // Time to first answer: whole CLI processes against `node -e 0` (`--only start` runs these alone).
  let startTimes: StartEntry[] | null = null;
  if (args.only.length === 0 || args.only.includes('start')) {
    console.log('start-up: timing lead-console --help and breakdown on the demo…');
    startTimes = measureStartTimes(args.quick);
  }
  const previous = fs.existsSync(RESULTS_FILE) ? JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) : null;
  const scaling: Record<string, Record<string, Record<string, number>>> = { ...(previous?.peak_rss_mb_by_lead_count ?? {}) };
  for (const [kind, r] of Object.entries(results)) {
    scaling[String(args.leads)] ??= {};
    // Per operation: a run of some operations (--only) keeps the others' figures.
    scaling[String(args.leads)][kind] = { ...(scaling[String(args.leads)][kind] ?? {}), ...Object.fromEntries(r.operations.map((o) => [o.operation, o.peak_rss_mb])) };
  }
  const doc = {
    generated_at: new Date().toISOString(),
    leads: args.leads,
    quick: args.quick,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(os.totalmem() / 2 ** 30), load_average_at_end: loadAverage(), node: process.version },
    total_seconds: Math.round((Date.now() - started) / 1000),
    databases: mergeResults(previous && previous.leads === args.leads && previous.quick === args.quick ? previous.databases : {}, results),
    peak_rss_mb_by_lead_count: scaling,
    start_time: startTimes ?? previous?.start_time ?? [],
  };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(doc, null, 2)}\n`);
  printTable(doc);
  printStartTimes(doc.start_time);
  console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_FILE)} in ${doc.total_seconds} s.`);
}

/**
 * A run of one database, or of some operations (`--only`), keeps the other results of the same
 * size, so that operations and databases can be measured apart.
 */
function mergeResults(previous: Record<string, DbResults>, latest: Record<string, DbResults>): Record<string, DbResults> {
  const merged: Record<string, DbResults> = { ...previous };
  for (const [kind, r] of Object.entries(latest)) {
    const kept = (previous[kind]?.operations ?? []).filter((o) => !r.operations.some((n) => n.operation === o.operation));
    merged[kind] = { ...r, operations: [...kept, ...r.operations] };
  }
  return merged;
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
