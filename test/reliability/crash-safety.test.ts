// The crash harness in small (issue 7, item 1): a few seeded SIGKILLs per operation and
// database on every `npm test`; `npm run crash-test` is the full run (50 per operation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { postgresDatabases, sqliteDatabases, type FreshDatabases } from '../../scripts/fresh-database';
import { crashOperation, seedBase, type CrashBase, type OperationFigures } from './harness/crash-harness';
import { OPERATIONS } from './harness/scenarios';

const KILLS = Number(process.env.CRASH_TEST_KILLS ?? 3);
const SEED = 11;

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`killed with SIGKILL at random moments [${dialect}]`, () => {
    let databases: FreshDatabases;
    let base: CrashBase;
    const figures: OperationFigures[] = [];
    beforeAll(async () => {
      databases = dialect === 'sqlite' ? sqliteDatabases() : postgresDatabases(inject('pgAdminUrl'), { prefix: 'crash_' });
      base = await seedBase(databases, 1500);
    }, 120_000);
    afterAll(async () => {
      await databases?.dropAll();
    });

    for (const [index, name] of OPERATIONS.entries()) {
      it(`${name}: every invariant holds after each kill, its begun operation undoes exactly what it changed, and a rerun ends as an uninterrupted run`, async () => {
        const f = await crashOperation(base, name, { kills: KILLS, seed: SEED * 7919 + index, dataSeed: SEED });
        figures.push(f);
        expect(f.violations).toEqual([]);
        expect(f.reruns).toBe(KILLS);
        // A kill that lands after the process exited tests nothing (the harness aims those
        // again): at least one must have met this operation running.
        expect(f.killedWhileRunning, JSON.stringify(f)).toBeGreaterThan(0);
      }, 90_000);
    }

    it('the kills met the operations at work, some of them in the middle of it', () => {
      expect(figures.map((f) => f.operation)).toEqual([...OPERATIONS]);
      const sum = (k: 'kills' | 'killedWhileRunning' | 'midWork') => figures.reduce((n, f) => n + f[k], 0);
      const seen = JSON.stringify(figures.map(({ operation, killedWhileRunning, midWork, beforeAnyCommit, asComplete, reaimed, undone }) => ({ operation, killedWhileRunning, midWork, beforeAnyCommit, asComplete, reaimed, undone })));
      expect(sum('killedWhileRunning'), seen).toBeGreaterThanOrEqual(sum('kills') / 2);
      // Mid-work: neither the start nor the end state. The recycle is one transaction (never
      // mid-work); fix, sync and the jobs commit in steps, and most of their kills land between.
      expect(sum('midWork'), seen).toBeGreaterThan(0);
      // Issue 19, item 4: the fix's kills left an interrupted operation that was undone.
      expect(figures.find((f) => f.operation === 'fix')?.undone, seen).toBeGreaterThan(0);
    });
  });
}
