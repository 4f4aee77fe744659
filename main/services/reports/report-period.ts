// Times the reports count between: a campaign's local day (outcomes "today", "runs dry" by the
// end of today), quarter hours, and the period an activity report covers.
import { InputError } from '../../../shared/errors';
import { isValidTimezone, localMinutes } from '../hopper/calling-window';

export const MINUTE = 60_000;
export const QUARTER_HOUR_SECONDS = 900;
export const DAY = 24 * 60 * MINUTE;
/** The longest activity period: 31 days of quarter hours (2,976 of them) is still a readable chart. */
export const MAX_PERIOD_DAYS = 31;

/** Local midnight of `at`'s day in `timezone` (an invalid timezone: UTC), exact across DST changes. */
export function startOfLocalDay(timezone: string, at: Date): Date {
  const tz = isValidTimezone(timezone) ? timezone : 'UTC';
  const wholeMinute = Math.floor(at.getTime() / MINUTE) * MINUTE;
  let t = wholeMinute - localMinutes(tz, new Date(wholeMinute))! * MINUTE;
  // On a DST change day the offset at midnight differs from the offset now: step to the real midnight.
  for (let i = 0; i < 3; i++) {
    const m = localMinutes(tz, new Date(t))!;
    if (m === 0) break;
    t -= (m > 720 ? m - 1440 : m) * MINUTE;
  }
  return new Date(t);
}

/** The next local midnight after `at` in `timezone`. */
export function endOfLocalDay(timezone: string, at: Date): Date {
  const start = startOfLocalDay(timezone, at).getTime();
  // 26 hours on covers a 25-hour DST day; the start of that day is the end of this one.
  return startOfLocalDay(timezone, new Date(start + DAY + 2 * 60 * MINUTE));
}

export function minutesBefore(at: Date, minutes: number): Date {
  return new Date(at.getTime() - minutes * MINUTE);
}

export interface Period {
  from: Date;
  to: Date;
}

/**
 * An activity report's period, from inclusive to exclusive: given bounds, else from local midnight
 * of the campaign's today to now. Refused: an unreadable time, an empty period, one over 31 days.
 */
export function activityPeriod(timezone: string, now: Date, from?: string, to?: string): Period {
  const end = to === undefined ? now : readTime(to, 'to');
  const start = from === undefined ? startOfLocalDay(timezone, to === undefined ? now : new Date(end.getTime() - 1)) : readTime(from, 'from');
  if (start.getTime() >= end.getTime()) throw new InputError(`The period must end after it starts (from ${start.toISOString()}, to ${end.toISOString()}).`);
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY) throw new InputError(`The period is at most ${MAX_PERIOD_DAYS} days (from ${start.toISOString()}, to ${end.toISOString()}).`);
  return { from: start, to: end };
}

function readTime(text: string, what: string): Date {
  const t = Date.parse(text);
  const day = /^(\d{4})-(\d\d)-(\d\d)(T|$)/.exec(text);
  // Date.parse rolls 2026-02-30 over to March 2: a day the calendar lacks is refused instead.
  const realDay = day !== null && new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])).toISOString().startsWith(`${day[1]}-${day[2]}-${day[3]}`);
  if (!realDay || Number.isNaN(t)) throw new InputError(`${what} needs an ISO-8601 time such as 2026-11-24T15:00:00Z (got ${JSON.stringify(text).slice(0, 60)}).`);
  return new Date(t);
}

/** The quarter hours (slice numbers since the epoch) a period touches, first to last. */
export function quarterHoursOf(period: Period): number[] {
  const first = Math.floor(period.from.getTime() / 1000 / QUARTER_HOUR_SECONDS);
  const last = Math.ceil(period.to.getTime() / 1000 / QUARTER_HOUR_SECONDS) - 1;
  const out: number[] = [];
  for (let q = first; q <= last; q++) out.push(q);
  return out;
}

export const sliceStart = (slice: number) => new Date(slice * QUARTER_HOUR_SECONDS * 1000).toISOString();
