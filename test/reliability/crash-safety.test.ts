// The crash harness in small (issue 7, item 1): a few seeded SIGKILLs per operation and
// database on every `npm test`; `npm run crash-test` is the full run (50 per operation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { crashOperation, seedBase, type CrashBase } from './harness/crash-harness';
import { postgresFactory, sqliteFactory } from './harness/databases';
import { OPERATIONS } from './harness/scenarios';

const KILLS = Number(process.env.CRASH_TEST_KILLS ?? 3);
const SEED = 11;

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`killed with SIGKILL at random moments [${dialect}]`, () => {
    let base: CrashBase;
    beforeAll(async () => {
      base = await seedBase(dialect === 'sqlite' ? sqliteFactory() : postgresFactory(inject('pgAdminUrl')), 1500);
    }, 120_000);
    afterAll(async () => {
      if (base) await base.factory.drop(base.base);
    });

    for (const [index, name] of OPERATIONS.entries()) {
      it(`${name}: every invariant holds after each kill, and a rerun ends as an uninterrupted run`, async () => {
        const f = await crashOperation(base, name, { kills: KILLS, seed: SEED * 7919 + index, dataSeed: SEED });
        expect(f.violations).toEqual([]);
        expect(f.kills).toBe(KILLS);
        expect(f.reruns).toBe(KILLS);
      }, 90_000);
    }
  });
}
