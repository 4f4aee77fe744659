// The live view's words for rates and times: what "runs dry" means when it cannot be worked out,
// how a share reads, and a clock time with how far away it is.
import type { RunsDryNote } from '../../../../shared/types/reports';

export const ABANDON_LIMIT = 0.03;

export function rate(share: number | null): string {
  if (share === null) return '—';
  return `${(share * 100).toFixed(1)}%`;
}

/** "14:05 (in 2 h 10 min)"; a date too when it is not today. */
export function whenFrom(iso: string, now: Date): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  const clock = at.toLocaleString('en-US', sameDay ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return `${clock} (now)`;
  if (minutes >= 48 * 60) return `${clock} (in ${Math.round(minutes / 1440)} days)`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${clock} (in ${h ? `${h} h ` : ''}${m} min)`;
}

export function runsDryText(at: string | null, note: RunsDryNote, now: Date): string {
  if (at) return whenFrom(at, now);
  if (note === 'no recent dialing') return 'No recent dialing';
  if (note === 'nothing left to dial today') return 'Nothing left today';
  return '—';
}

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
