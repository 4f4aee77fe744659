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
import { parseArgs, type BenchProfile } from './args';
import { DELHI_OPERATIONS, generateDelhi } from './delhi-profile';
import { withIndexesDeferred } from './deferred-indexes';
import { buildEntry, printTable, type DbResults, type OpEntry } from './report';
import { measureStartTimes, printStartTimes, type StartEntry } from './start-time';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const RESULTS_FILES: Record<BenchProfile, string> = { uniform: path.join(HERE, 'results.json'), delhi: path.join(HERE, 'results-delhi.json') };

/**
 * Where a run's figures go: the 1M run in `results.json` (the table the targets are read from),
 * every other size in its own file (`results-10m.json`, `results-100k.json` for --quick), so that
 * a routine check never replaces the 1M table.
 */
function resultsFile(profile: BenchProfile, leads: number): string {
  if (leads === 1_000_000) return RESULTS_FILES[profile];
  const label = leads % 1_000_000 === 0 ? `${leads / 1_000_000}m` : leads % 1000 === 0 ? `${leads / 1000}k` : String(leads);
  return path.join(HERE, `results-${label}${profile === 'delhi' ? '-delhi' : ''}.json`);
}

/**
 * A run of another size also records its peak RSS per operation in the 1M file's
 * `peak_rss_mb_by_lead_count`: memory that stays flat from 100k to 10M is read from one table.
 */
function recordRssInMainFile(profile: BenchProfile, leads: number, rss: Record<string, Record<string, number>>): void {
  const file = RESULTS_FILES[profile];
  if (leads === 1_000_000 || !fs.existsSync(file)) return;
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byCount = (doc.peak_rss_mb_by_lead_count ??= {});
  for (const [kind, ops] of Object.entries(rss)) byCount[String(leads)] = { ...(byCount[String(leads)] ?? {}), [kind]: { ...(byCount[String(leads)]?.[kind] ?? {}), ...ops } };
  fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}

/** On-disk size of the generated base, MB: the SQLite file, or PostgreSQL's `pg_database_size`. */
async function baseSizeMb(h: Awaited<ReturnType<typeof openBench>>, kind: BenchDb, location: string): Promise<number> {
  const bytes =
    kind === 'sqlite'
      ? fs.statSync(location).size
      : Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(h.db)).rows[0].n);
  return Math.round(bytes / 2 ** 20);
}

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

/**
 * `--keep-base`: the base of this size and profile, kept between runs (ten million leads take ~37
 * min to generate on SQLite, ~11 on PostgreSQL): on SQLite the file bench/data/kept-base-…sqlite;
 * on PostgreSQL (a server of your own, BENCH_DATABASE_URL) the database kept_base_… on it. Its
 * dataset line is a file beside it in bench/data (for PostgreSQL named for the server's address),
 * written last: a base whose generation was cut has none and is generated again.
 */
async function keptBase(kind: BenchDb, leads: number, pgUrl: string | null, profile: BenchProfile): Promise<{ base: BaseRef; info: DatasetInfo }> {
  const databases = kind === 'sqlite' ? sqliteDatabases({ dir: DATA_DIR }) : benchPgDatabases(pgUrl!);
  const name = kind === 'sqlite' ? `kept-base-${leads}-${profile}` : `kept_base_${leads}_${profile}`;
  const infoFile = kind === 'sqlite' ? path.join(DATA_DIR, `${name}.sqlite.json`) : path.join(DATA_DIR, `${name}-${new URL(pgUrl!).host.replace(':', '-')}.json`);
  const baseOf = (t: DatabaseTarget): { base: BaseRef; location: string } =>
    t.kind === 'sqlite' ? { base: { kind, file: t.file }, location: t.file } : { base: { kind, serverUrl: pgUrl!, baseName: name }, location: t.url };
  const kept = fs.existsSync(infoFile) ? await databases.existing(name) : null;
  if (kept) {
    console.log(`  ${kind}: reusing the kept base ${name}`);
    return { base: baseOf(kept).base, info: JSON.parse(fs.readFileSync(infoFile, 'utf8')) as DatasetInfo };
  }
  fs.rmSync(infoFile, { force: true });
  const { base, location } = baseOf(await databases.fresh(name));
  const info = await generateBase(kind, leads, location, profile);
  fs.writeFileSync(infoFile, JSON.stringify(info));
  return { base, info };
}

async function prepareBase(kind: BenchDb, leads: number, pgUrl: string | null, profile: BenchProfile, keep: boolean): Promise<{ base: BaseRef; info: DatasetInfo }> {
  // An embedded server ends with the run: nothing of it can be kept.
  if (keep && (kind === 'sqlite' || process.env.BENCH_DATABASE_URL)) return keptBase(kind, leads, pgUrl, profile);
  if (kind === 'sqlite') {
    // The pid keeps two bench runs on one machine (two engineers) out of each other's files.
    const { file } = (await sqliteDatabases({ dir: DATA_DIR }).fresh(`base-${leads}-${process.pid}`)) as Extract<DatabaseTarget, { kind: 'sqlite' }>;
    return { base: { kind, file }, info: await generateBase(kind, leads, file, profile) };
  }
  await benchPgDatabases(pgUrl!).fresh('bench_base');
  const info = await generateBase(kind, leads, urlWithDatabase(pgUrl!, 'bench_base'), profile);
  return { base: { kind, serverUrl: pgUrl!, baseName: 'bench_base' }, info };
}

/** Fills the empty database at `location` with the dataset and states its size. */
async function generateBase(kind: BenchDb, leads: number, location: string, profile: BenchProfile): Promise<DatasetInfo> {
  const h = await openBench(kind, location);
  try {
    let last = 0;
    const progress = (done: number) => {
      if (done - last >= leads / 10 || done === leads) {
        last = done;
        process.stdout.write(`  ${kind}: ${done.toLocaleString('en-US')} leads written\r`);
      }
    };
    const generate = () => (profile === 'delhi' ? generateDelhi(h, leads, progress) : generateDataset(h, leads, progress));
    // From 2M leads on, the indexes are built after the rows (deferred-indexes.ts); below, the
    // generation is quick enough either way and stays as it was measured before.
    const info = leads >= 2_000_000 ? await withIndexesDeferred(h, ['leads', 'call_logs', 'dnc_numbers'], generate) : await generate();
    process.stdout.write('\n');
    if (kind === 'sqlite') {
      await sql`analyze`.execute(h.db);
      await sql`pragma wal_checkpoint(truncate)`.execute(h.db);
    } else {
      await sql`vacuum analyze`.execute(h.db);
    }
    const sizeMb = await baseSizeMb(h, kind, location);
    return { ...info, size_mb: sizeMb, mb_per_million_leads: Math.round((sizeMb / info.leads) * 1e6) };
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
  const RESULTS_FILE = resultsFile(args.profile, args.leads);
  const operations = args.profile === 'delhi' ? DELHI_OPERATIONS : OPERATIONS;
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const started = Date.now();
  const results: Record<string, DbResults> = {};
  let pg: { url: string; stop(): Promise<void> } | null = null;
  let startTimes: StartEntry[] | null = null;
  const previousDoc = fs.existsSync(RESULTS_FILE) ? JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) : null;
  /** Writes the results so far: after every operation, so that a run stopped half-way keeps what it measured. */
  const writeResults = () => {
    const previous = previousDoc;
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
      profile: args.profile,
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(os.totalmem() / 2 ** 30), load_average_at_end: loadAverage(), node: process.version },
      total_seconds: Math.round((Date.now() - started) / 1000),
      databases: mergeResults(previous && previous.leads === args.leads && previous.quick === args.quick ? previous.databases : {}, results),
      peak_rss_mb_by_lead_count: scaling,
      start_time: startTimes ?? previous?.start_time ?? [],
    };
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(doc, null, 2)}\n`);
    if (scaling[String(args.leads)]) recordRssInMainFile(args.profile, args.leads, scaling[String(args.leads)]);
    return doc;
  };
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
      const { base, info } = await prepareBase(kind, args.leads, pgUrl, args.profile, args.keepBase);
      console.log(`${kind}: ${info.leads.toLocaleString('en-US')} leads, ${info.calls.toLocaleString('en-US')} calls in ${info.seconds.toFixed(1)} s, ${info.size_mb} MB on disk`);
      const ops: OpEntry[] = [];
      const names = operations.map((o) => o.name).filter((n) => args.only.length === 0 || args.only.includes(n));
      // The dial throughput runs on the uniform dataset only.
      // The dial with the live view open (dial_live_*) is compared with the same dial without it.
      if (args.profile === 'uniform') names.push('dial_1', 'dial_floor_1', 'dial_live_1', ...(kind === 'postgres' ? ['dial_8', 'dial_floor_8', 'dial_live_8'] : []));
      const dial: Record<string, Record<string, unknown>> = {};
      for (const name of names) {
        // `--only dial` runs every dial line; `--only dial_live_8` (say) that one.
        if (name.startsWith('dial') && args.only.length > 0 && !args.only.includes('dial') && !args.only.includes(name)) continue;
        settleDisk();
        const loadBefore = loadAverage()[0];
        const t0 = Date.now();
        const r = await runChild({ op: name, base, leads: args.leads, quick: args.quick, slot: `${kind}-${name}-${process.pid}`, profile: args.profile });
        if (name.startsWith('dial_live')) {
          // Its "floor" is the same dial without the live view, in the same run (dial-throughput.ts):
          // the ratio is the slowdown (target ≤ 1.05).
          const workers = name.replace(/^dial_live_/, '');
          const without = { floor_runs_ms: r.floor_runs_ms, calls_per_second: r.floor_calls_per_second };
          const entry = buildEntry(`recordDialAttempt x${workers} live view open`, r, without, loadBefore);
          ops.push(entry);
          results[kind] = { dataset: info, operations: ops };
          writeResults();
          console.log(`  ${entry.operation}: ${entry.calls_per_second} calls/s, without ${entry.floor_calls_per_second} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
          continue;
        }
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
        results[kind] = { dataset: info, operations: ops };
        writeResults();
        const e = ops[ops.length - 1];
        console.log(`  ${name}: median ${e.median_ms} ms, floor ${e.floor_ms ?? '-'} ms, ratio ${e.ratio ?? '-'}, rss ${e.peak_rss_mb} MB${e.same_result === false ? ' (FLOOR RESULT DIFFERS)' : ''} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      }
      results[kind] = { dataset: info, operations: ops };
      if (kind === 'postgres' && !process.env.BENCH_DATABASE_URL) {
        await benchPgDatabases(pgUrl!).drop({ kind: 'postgres', url: urlWithDatabase(pgUrl!, 'bench_base') });
      }
      if (base.kind === 'sqlite' && base.file && !args.keepBase) for (const f of [base.file, `${base.file}-wal`, `${base.file}-shm`]) fs.rmSync(f, { force: true });
    }
  } finally {
    if (pg) await pg.stop();
  }
  // Time to first answer: whole CLI processes against `node -e 0` (`--only start` runs these alone).
  if (args.profile === 'uniform' && (args.only.length === 0 || args.only.includes('start'))) {
    console.log('start-up: timing lead-console --help and breakdown on the demo…');
    startTimes = measureStartTimes(args.quick);
  }
  if (startTimes && previousDoc && args.only.length > 0 && args.only.every((o) => o === 'start')) {
    // `--only start`: the start-up lines change, the database figures stay as they were.
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previousDoc, start_time: startTimes, start_time_measured_at: new Date().toISOString() }, null, 2)}\n`);
    printStartTimes(startTimes);
    return;
  }
  const doc = writeResults();
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
