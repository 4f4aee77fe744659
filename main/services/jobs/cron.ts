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
  if (neverRuns(text)) {
    throw new InputError(`"${text}" never runs: none of its months has that day of the month. Pick a day every chosen month has, or L for the last day.`);
  }
  return text;
}

// The longest each month gets (February's 29th comes every leap year).
const MONTH_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when the day-of-month field names only days none of the chosen months has
 * ("0 0 31 4,6,9,11 *"). Read from the fields, without searching: cron-parser's own search gives
 * up only after 10,000 steps (up to a second of blocked event loop). When day-of-week is
 * restricted too, cron runs on either day, so such a schedule does run.
 */
export function neverRuns(expr: string): boolean {
  let fields: { dayOfMonth: readonly (number | string)[]; month: readonly number[]; dayOfWeek: readonly number[] };
  try {
    fields = parser.parseExpression(expr).fields;
  } catch {
    return false;
  }
  const everyWeekday = [0, 1, 2, 3, 4, 5, 6].every((d) => fields.dayOfWeek.includes(d));
  if (!everyWeekday) return false;
  return !fields.dayOfMonth.some((d) => typeof d !== 'number' || fields.month.some((m) => d <= MONTH_DAYS[m]));
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
  if (neverRuns(expr)) return null;
  try {
    return iterate(expr, after, options).next().toDate();
  } catch {
    return null;
  }
}

/** The latest tick at or before `at` (cron ticks fall on whole minutes). */
export function latestTick(expr: string, at: Date, options: CronTimeOptions = {}): Date | null {
  if (neverRuns(expr)) return null;
  try {
    return iterate(expr, new Date(at.getTime() + 1), options).prev().toDate();
  } catch {
    return null;
  }
}
