// `--leads N --db sqlite|postgres|both --quick [--only op,op] [--profile uniform|delhi] [--keep-base]`: one-line errors on bad input.
import type { BenchDb } from './databases';

export interface BenchArgs {
  leads: number;
  dbs: BenchDb[];
  quick: boolean;
  only: string[];
  /** `uniform` (dataset.ts, bench/results.json) or `delhi` (the demo's shape, delhi-profile.ts, bench/results-delhi.json). */
  profile: BenchProfile;
  /** SQLite: keep the generated base in bench/data/ and reuse it on the next run of the same size and profile. */
  keepBase: boolean;
}

export type BenchProfile = 'uniform' | 'delhi';

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { leads: 1_000_000, dbs: ['sqlite', 'postgres'], quick: false, only: [], profile: 'uniform', keepBase: false };
  let leadsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value.`);
      return v;
    };
    if (a === '--quick') args.quick = true;
    else if (a === '--keep-base') args.keepBase = true;
    else if (a === '--leads') {
      const n = Number(value().replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1000) fail('--leads must be a whole number of at least 1000.');
      args.leads = n;
      leadsGiven = true;
    } else if (a === '--db') {
      const v = value();
      if (v === 'both') args.dbs = ['sqlite', 'postgres'];
      else if (v === 'sqlite' || v === 'postgres') args.dbs = [v];
      else fail('--db must be sqlite, postgres or both.');
    } else if (a === '--profile') {
      const v = value();
      if (v !== 'uniform' && v !== 'delhi') fail('--profile must be uniform or delhi.');
      args.profile = v;
    } else if (a === '--only') args.only = value().split(',').map((s) => s.trim());
    else fail(`Unknown option ${a}. Usage: npm run bench -- [--leads N] [--db sqlite|postgres|both] [--quick] [--only op,op] [--profile uniform|delhi] [--keep-base]`);
  }
  if (args.quick && !leadsGiven) args.leads = 100_000;
  return args;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
