// The campaign's calling window, evaluated in JavaScript from the injected clock: SQLite has no
// timezone functions, and the distinct timezones of a campaign are few, so the hopper asks here
// which of them are open right now and filters leads in SQL with `in (...)`.
// An invalid timezone (or window) is closed: never call at an unknown local hour.

export interface CallWindow {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

const HH_MM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** `HH:MM` → minutes after midnight, or null when it is not a valid time of day (24:00 allowed). */
export function parseClockTime(text: string | null | undefined): number | null {
  const m = HH_MM.exec((text ?? '').trim());
  if (!m) return null;
  return m[3] ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

/** The window of a campaign, or null when one of its ends is not a valid time (always closed). */
export function parseWindow(start: string, end: string): CallWindow | null {
  const s = parseClockTime(start);
  const e = parseClockTime(end);
  if (s === null || e === null || s === 1440) return null;
  return { start: s, end: e };
}

/** Inside [start, end); a window whose end is before its start runs over midnight; start = end is empty. */
export function insideWindow(w: CallWindow, minutes: number): boolean {
  if (w.start === w.end) return false;
  if (w.start < w.end) return minutes >= w.start && minutes < w.end;
  return minutes >= w.start || minutes < w.end;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timezone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timezone);
  if (f === undefined) {
    try {
      f = timezone.trim() === '' ? null : new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
    } catch {
      f = null;
    }
    formatters.set(timezone, f);
  }
  return f;
}

export function isValidTimezone(timezone: string): boolean {
  return formatterFor(timezone) !== null;
}

/** Local minutes after midnight in `timezone` at `at`, or null for an invalid timezone. */
export function localMinutes(timezone: string, at: Date): number | null {
  const f = formatterFor(timezone);
  if (!f) return null;
  let hour = 0;
  let minute = 0;
  for (const part of f.formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function isOpen(timezone: string, window: CallWindow | null, at: Date): boolean {
  if (!window) return false;
  const m = localMinutes(timezone, at);
  return m !== null && insideWindow(window, m);
}

/**
 * The first whole minute at or after `now` when the window is open in `timezone`, or null when it
 * never opens (invalid timezone or window, empty window). Jumps by the local distance to the
 * window's start, so a DST change (a skipped or repeated hour) is corrected on the next step.
 */
export function nextOpening(timezone: string, window: CallWindow | null, now: Date): Date | null {
  if (!window || window.start === window.end || !isValidTimezone(timezone)) return null;
  const from = Math.ceil(now.getTime() / 60_000) * 60_000;
  let t = from;
  for (let step = 0; step < 8; step++) {
    const m = localMinutes(timezone, new Date(t))!;
    if (insideWindow(window, m)) return firstOpenMinute(timezone, window, Math.max(from, t - ((m - window.start + 1440) % 1440) * 60_000), t);
    const delta = (window.start - m + 1440) % 1440;
    t += (delta === 0 ? 1 : delta) * 60_000;
  }
  // Pathological zones: walk minute by minute for two days.
  for (let i = 0; i < 2 * 1440; i++, t += 60_000) if (isOpen(timezone, window, new Date(t))) return new Date(t);
  return null;
}

/** The first open minute in [lo, hi], hi being open: a skipped DST hour can make a jump land late. */
function firstOpenMinute(timezone: string, window: CallWindow, lo: number, hi: number): Date {
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (isOpen(timezone, window, new Date(mid))) hi = mid;
    else lo = mid + 60_000;
  }
  return new Date(hi);
}
