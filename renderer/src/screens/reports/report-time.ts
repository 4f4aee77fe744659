// Times on the report screens: the browser's datetime-local fields (local wall time, minutes)
// to and from ISO instants, and a quarter hour's label.

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO instant as a datetime-local value in the supervisor's timezone ('' for none). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO instant; null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** "09:15", or "Nov 24, 09:15" when the period spans more than one day. */
export function quarterLabel(iso: string, withDate: boolean): string {
  const d = new Date(iso);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withDate ? `${d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}, ${time}` : time;
}

export function spansDays(fromIso: string, toIso: string): boolean {
  return new Date(toIso).getTime() - new Date(fromIso).getTime() > 24 * 3_600_000 || new Date(fromIso).toDateString() !== new Date(new Date(toIso).getTime() - 1).toDateString();
}
