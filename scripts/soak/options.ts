// The soak's knobs (`npm run soak -- --minutes N --consoles N ...`), parsed with one-line errors.
export interface SoakOptions {
  /** How long the load runs, in milliseconds (set up and checks come on top). */
  durationMs: number;
  /** Console processes, each with the console's runtime and its job scheduler on. */
  consoles: number;
  /** Dial attempts per second the simulated dialer places. */
  callsPerSecond: number;
  /** Leads seeded (the demo's shape: three campaigns, six lists). */
  leads: number;
  /**
   * Shift every process's clock (all by the same amount) so that a minute tick falls this long
   * after the consoles are launched: a soak of a few seconds (the test) still sees a tick.
   * Undefined: the wall clock as it is.
   */
  firstTickAfterMs?: number;
  /**
   * `every-minute` (default): all six jobs tick each minute, sixty ticks in ten minutes for the
   * consoles to share. `default`: the jobs' own schedules (docs/domain.md), as a site runs them.
   */
  schedules: 'every-minute' | 'default';
  /** A PostgreSQL server to use (the soak makes its own database there and drops it). */
  databaseUrl?: string;
  /** Where the figures go (JSON). */
  out: string;
}

export const SOAK_DEFAULTS = { minutes: 10, consoles: 5, callsPerSecond: 50, leads: 58_466, out: 'bench/results-soak.json' } as const;

const USAGE =
  'Usage: npm run soak -- [--minutes N] [--seconds N] [--consoles N] [--rate CALLS_PER_S] [--leads N] [--schedules every-minute|default] [--database-url postgres://…] [--out FILE]';

export function parseSoakArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SoakOptions {
  const o: SoakOptions = {
    durationMs: SOAK_DEFAULTS.minutes * 60_000,
    consoles: SOAK_DEFAULTS.consoles,
    callsPerSecond: SOAK_DEFAULTS.callsPerSecond,
    leads: SOAK_DEFAULTS.leads,
    schedules: 'every-minute',
    databaseUrl: env.SOAK_DATABASE_URL || undefined,
    out: SOAK_DEFAULTS.out,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    const number = (min: number, max: number, whole: boolean) => {
      const n = Number(value().replace(/_/g, ''));
      if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
        throw new Error(`${flag} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
      }
      return n;
    };
    if (flag === '--minutes') o.durationMs = Math.round(number(0.05, 240, false) * 60_000);
    else if (flag === '--seconds') o.durationMs = Math.round(number(3, 14_400, false) * 1000);
    else if (flag === '--consoles') o.consoles = number(1, 20, true);
    else if (flag === '--rate') o.callsPerSecond = number(1, 1000, false);
    else if (flag === '--leads') o.leads = number(1000, 2_000_000, true);
    else if (flag === '--schedules') {
      const v = value();
      if (v !== 'every-minute' && v !== 'default') throw new Error('--schedules must be every-minute or default.');
      o.schedules = v;
    } else if (flag === '--database-url') o.databaseUrl = value();
    else if (flag === '--out') o.out = value();
    else throw new Error(`Unknown option ${flag}. ${USAGE}`);
  }
  if (o.databaseUrl && !/^postgres(ql)?:\/\//.test(o.databaseUrl)) throw new Error('--database-url (or SOAK_DATABASE_URL) must be a postgres:// URL.');
  return o;
}
