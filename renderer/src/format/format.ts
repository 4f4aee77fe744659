// Numbers and times the way a supervisor reads them: thousands separators, local times.
const INT = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return INT.format(n);
}

export function percent(share: number): string {
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * How a stored status word is shown: NULL and blank words get a readable stand-in, each variant
 * its own (a list can hold NULL, '' and '  ' side by side: three cards, three labels).
 */
export function statusLabel(stored: string | null): string {
  if (stored === null) return '(no status)';
  if (stored === '') return '(empty)';
  if (stored.trim() === '') return `(blank: ${blankKind(stored)})`;
  if (stored !== stored.trim()) return `"${stored}"`;
  return stored;
}

function blankKind(blank: string): string {
  const n = blank.length;
  if (/^ +$/.test(blank)) return `${n} ${n === 1 ? 'space' : 'spaces'}`;
  if (/^\t+$/.test(blank)) return `${n} ${n === 1 ? 'tab' : 'tabs'}`;
  return `${n} whitespace characters`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function duration(startIso: string, endIso: string | null): string {
  if (!endIso) return '—';
  const ms = new Date(endIso).getTime() - new Date(startIso).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function countsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([k, v]) => `${k.replace(/_/g, ' ')}: ${count(v)}`);
  return parts.length ? parts.join(', ') : '—';
}
