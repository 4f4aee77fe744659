// The crash harness (issue 7, item 1): for each operation, a seeded template database, an
// uninterrupted reference run, then N copies of the template on which the operation is started
// as a child process and killed with SIGKILL at a seeded random moment. After each kill the
// invariants are checked on the database as the kill left it; then the operation is rerun and
// its end state compared with the reference.
import type { DatabaseTarget } from '../../../main/db/database-config';
import { openDatabase } from '../../../main/db/open-database';
import { runChild } from './child';
import type { FreshDatabases } from '../../../scripts/fresh-database';
import { dbArgs } from '../../support/cli';
import { canonical, checkAuditTrail, checkNothingLost, diffCanonical } from './invariants';
import { operation, type OperationName } from './scenarios';
import { snapshotTarget } from '../../support/table-snapshot';
import { checkUndoOfInterrupted } from './undo-interrupted';

export interface CrashOptions {
  factory: FreshDatabases;
  operations: readonly OperationName[];
  kills: number;
  seed: number;
  leads: number;
  log?: (line: string) => void;
}

export interface OperationFigures {
  operation: OperationName;
  dialect: string;
  kills: number;
  /** SIGKILL reached a running process (the rest had already exited). */
  killedWhileRunning: number;
  /** Kills that came after the process had exited and were aimed again on a new copy. */
  reaimed: number;
  /** The kill left a state that is neither the start nor the end: it landed mid-work. */
  midWork: number;
  /** The kill left the database as it was before the run. */
  beforeAnyCommit: number;
  /** The kill left the database as a complete run does. */
  asComplete: number;
  reruns: number;
  /** Kills after which the operation the run began (interrupted, or complete) was undone on a copy. */
  undone: number;
  violations: string[];
  referenceMs: number;
  seconds: number;
}

import { seededRandom } from '../../../main/demo/random';

export { seededRandom };

const dump = snapshotTarget;

async function mustRun(args: string[]): Promise<number> {
  const r = await runChild(args);
  if (r.code !== 0) throw new Error(`lead-console ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.ms;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface CrashBase {
  factory: FreshDatabases;
  base: DatabaseTarget;
  bootMs: number;
}

/** The seeded demo every scenario of one database starts from. */
export async function seedBase(factory: FreshDatabases, leads: number): Promise<CrashBase> {
  const base = await factory.fresh();
  await mustRun(['seed-demo', ...dbArgs(base), '--leads', String(leads), '--json']);
  // Start-up of a child (tsx, module graph, opening the database): kills before it are cheap.
  const bootMs = (await runChild(['jobs', 'history', ...dbArgs(base), '--json'])).ms;
  return { factory, base, bootMs };
}

export async function runCrashHarness(o: CrashOptions): Promise<OperationFigures[]> {
  const b = await seedBase(o.factory, o.leads);
  const figures: OperationFigures[] = [];
  try {
    for (const [index, name] of o.operations.entries()) figures.push(await crashOperation(b, name, { ...o, seed: o.seed * 7919 + index, dataSeed: o.seed }));
  } finally {
    await o.factory.drop(b.base);
  }
  return figures;
}

export async function crashOperation(
  { factory, base, bootMs }: CrashBase,
  name: OperationName,
  o: { kills: number; seed: number; dataSeed?: number; log?: (line: string) => void },
): Promise<OperationFigures> {
  const log = o.log ?? (() => undefined);
  const random = seededRandom(o.seed);
  const started = Date.now();
  const template = await factory.copy(base);
  const op0 = operation(name, dbArgs(template), factory.kind);
  if (op0.prepare) {
    const h = await openDatabase(template);
    await op0.prepare(h, seededRandom(o.dataSeed ?? o.seed));
    await h.close();
  }
  const pre = await dump(template);

  // The uninterrupted reference: the run (and, for jobs, the next day's run).
  const refTarget = await factory.copy(template);
  const refOp = operation(name, dbArgs(refTarget), factory.kind);
  const referenceMs = await mustRun(refOp.run);
  const afterRun = await dump(refTarget);
  if (!refOp.referenceIsRunOnly) await mustRun(refOp.rerun);
  const reference = refOp.referenceIsRunOnly ? afterRun : await dump(refTarget);
  await factory.drop(refTarget);

  const f: OperationFigures = {
    operation: name,
    dialect: factory.kind,
    kills: 0,
    killedWhileRunning: 0,
    reaimed: 0,
    midWork: 0,
    beforeAnyCommit: 0,
    asComplete: 0,
    reruns: 0,
    undone: 0,
    violations: [],
    referenceMs,
    seconds: 0,
  };
  const fail = (k: number, what: string[]) => {
    for (const w of what.slice(0, 5)) f.violations.push(`${name}/${factory.kind} kill ${k}: ${w}`);
    if (what.length > 5) f.violations.push(`${name}/${factory.kind} kill ${k}: … ${what.length - 5} more`);
  };
  for (let k = 1; k <= o.kills; k++) {
    let target: DatabaseTarget;
    let op: ReturnType<typeof operation>;
    let delay: number;
    let killed: Awaited<ReturnType<typeof runChild>>;
    // Mostly inside the work: from late start-up to the end of an uninterrupted run. A kill that
    // comes after the process exited tests nothing, so it is aimed again (at most twice) inside
    // the time that run took, on a new copy.
    let window = referenceMs;
    for (let attempt = 0; ; attempt++) {
      target = await factory.copy(template);
      op = operation(name, dbArgs(target), factory.kind);
      const lo = Math.min(bootMs * 0.8, window * 0.8);
      delay = Math.round(lo + random() * Math.max(50, window - lo));
      killed = await runChild(op.run, delay);
      if (killed.killed || killed.code !== 0 || attempt === 2) break;
      f.reaimed += 1;
      window = Math.min(window, killed.ms);
      await factory.drop(target);
    }
    f.kills += 1;
    if (killed.killed) f.killedWhileRunning += 1;
    else if (killed.code !== 0) fail(k, [`exited ${killed.code} before the kill: ${killed.stderr.trim().split('\n')[0]}`]);

    const post = await dump(target);
    if (same(post.leads, pre.leads) && post.call_logs.every((c, i) => c.lead_synced_at === pre.call_logs[i].lead_synced_at)) f.beforeAnyCommit += 1;
    else if (same(canonical(post).leads, canonical(afterRun).leads)) f.asComplete += 1;
    else f.midWork += 1;
    fail(k, [...checkNothingLost(pre, post), ...checkAuditTrail(pre, post), ...op.check(pre, post, afterRun)]);
    // What the killed run committed is undoable, and its undo restores exactly those leads.
    const undo = await checkUndoOfInterrupted(factory, target, pre, post);
    fail(k, undo.violations);
    if (undo.undone) f.undone += 1;

    const rerun = await runChild(op.rerun);
    if (rerun.code !== 0) fail(k, [`the rerun exited ${rerun.code}: ${rerun.stderr.trim().split('\n')[0]}`]);
    else {
      f.reruns += 1;
      const end = await dump(target);
      fail(k, [...checkNothingLost(pre, end), ...checkAuditTrail(pre, end)]);
      // The rerun's start marked what the killed process left running `interrupted`.
      const stillRunning = end.operations.filter((o) => o.state === 'running').map((o) => `${o.kind} ${o.id}`);
      if (stillRunning.length > 0) fail(k, [`left running after the rerun: ${stillRunning.join(', ')}`]);
      // The jobs' end state is partly compared by invariant only (see `unordered`).
      if (op.unordered) fail(k, op.check(pre, end, reference));
      fail(k, diffCanonical(canonical(end), canonical(reference), op.unordered).map((d) => `end state differs from an uninterrupted run: ${d}`));
    }
    await factory.drop(target);
    log(`${name}/${factory.kind} kill ${k}/${o.kills} at ${delay} ms: ${killed.killed ? 'killed' : 'had finished'}, violations so far ${f.violations.length}`);
  }
  await factory.drop(template);
  f.seconds = Math.round((Date.now() - started) / 1000);
  return f;
}
