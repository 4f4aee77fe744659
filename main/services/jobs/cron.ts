// Cron expressions of the job settings: validated, described for a supervisor, and evaluated
// against an injected time. node-schedule parses cron with cron-parser; we ask the same parser
// directly because node-schedule can only say "next after the real now", and the scheduler
// (and its tests) must ask "which tick is due at this clock time".
import parser from 'cron-parser';
import cronstrue from 'cronstrue';
import { InputError } from '../../../shared/errors';

const SHAPE = 'five fields: minute hour day-of-month month day-of-week, e.g. "*/5 * * * *"';

/** Checks a schedule and returns it in canonical spacing, or throws a one-line InputError. */
export function validateCron(raw: string): string {
  const text = String(raw ?? '').trim().replace(/\s+/g, ' ');
  if (text === '') throw new InputError(`A schedule is a cron expression of ${SHAPE}.`);
  if (text.length > 120) throw new InputError('That schedule is too long for a cron expression.');
  // Minute resolution only: a seconds field would let a job fire every second, and the
  // scheduler's ticks are minutes.
  if (text.split(' ').length !== 5) throw new InputError(`"${text}" is not a valid schedule: a cron expression has ${SHAPE}.`);
  checkSteps(text);
  try {
    parser.parseExpression(text);
  } catch (error) {
    const why = (error as Error)?.message;
    throw new InputError(`"${text}" is not a valid schedule${why ? ` (${why})` : ''}: a cron expression has ${SHAPE}.`);
  }
  return text;
}

const FIELDS = [
  { name: 'minute', max: 59 },
  { name: 'hour', max: 23 },
  { name: 'day-of-month', max: 31 },
  { name: 'month', max: 12 },
  { name: 'day-of-week', max: 7 },
];

// cron-parser accepts "*/61" (it then fires once an hour), which is never what a supervisor meant.
function checkSteps(text: string): void {
  text.split(' ').forEach((field, i) => {
    for (const m of field.matchAll(/\/(\d+)/g)) {
      if (Number(m[1]) > FIELDS[i].max) {
        throw new InputError(`"${text}" is not a valid schedule: the ${FIELDS[i].name} step /${m[1]} is larger than ${FIELDS[i].max}.`);
      }
    }
  });
}

/** "Every 5 minutes", "At 02:00". */
export function describeCron(expr: string): string {
  try {
    return cronstrue.toString(expr, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return expr;
  }
}

export interface CronTimeOptions {
  /** IANA zone the expression is read in; default: this machine's local zone (like node-schedule). */
  timezone?: string;
}

function iterate(expr: string, from: Date, options: CronTimeOptions) {
  return parser.parseExpression(expr, { currentDate: from, ...(options.timezone ? { tz: options.timezone } : {}) });
}

/** The first tick strictly after `after`, or null when the expression never fires again. */
export function nextTick(expr: string, after: Date, options: CronTimeOptions = {}): Date | null {
  try {
    return iterate(expr, after, options).next().toDate();
  } catch {
    return null;
  }
}

/** The latest tick at or before `at` (cron ticks fall on whole minutes). */
export function latestTick(expr: string, at: Date, options: CronTimeOptions = {}): Date | null {
  try {
    return iterate(expr, new Date(at.getTime() + 1), options).prev().toDate();
  } catch {
    return null;
  }
}
