// The live view's words for rates and times: what "runs dry" means when it cannot be worked out,
// how a share reads, and a clock time with how far away it is.
import type { RunsDryNote } from '../../../../shared/types/reports';
import { count } from '../../format/format';

export const ABANDON_LIMIT = 0.03;

export function rate(share: number | null): string {
  if (share === null) return '—';
  return `${(share * 100).toFixed(1)}%`;
}

/** "02:05 PM", with the date when it is not today. */
export function clockOf(iso: string, now: Date): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  return at.toLocaleString('en-US', sameDay ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "in 2 h 10 min", "in 5 days", "now". */
export function howSoon(iso: string, now: Date): string {
  const minutes = Math.round((new Date(iso).getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes >= 48 * 60) return `in ${Math.round(minutes / 1440)} days`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `in ${h ? `${h} h ` : ''}${m} min`;
}

/** The runs-dry figure: its time, or why there is none. */
export function runsDryText(at: string | null, note: RunsDryNote, now: Date): string {
  if (at) return clockOf(at, now);
  if (note === 'no recent dialing') return 'No recent dialing';
  if (note === 'nothing left to dial today') return 'Nothing left today';
  return '—';
}

/** The line under it: how soon, and what it is worked out from. */
export function runsDryNote(at: string | null, now: Date, leadsLeft: number, extra = ''): string {
  return [at ? howSoon(at, now) : null, `${count(leadsLeft)} leads left today`, extra || null].filter(Boolean).join(' · ');
}

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
