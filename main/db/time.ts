/** An injected clock: every time-based rule asks it, so tests and `--now` can set the time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function fixedClock(iso: string | Date): Clock {
  const at = new Date(iso);
  return () => new Date(at.getTime());
}

export function iso(date: Date): string {
  return date.toISOString();
}

/** The later of two ISO timestamps (NULL-safe). Comparing ISO-8601 UTC strings is exact. */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return toMs(a) >= toMs(b) ? a : b;
}

export function toMs(value: string): number {
  return Date.parse(value);
}

/** Canonical ISO form of a timestamp read from either database or given by a caller. */
export function canonicalIso(value: string | Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a valid timestamp: ${String(value)}`);
  return d.toISOString();
}
