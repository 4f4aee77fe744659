// The activity report's period: from and to (the supervisor's local time), or a preset.
import { useEffect, useState } from 'react';
import type { Period } from '../../stores/activity-store';
import { fromLocalInput, toLocalInput } from './report-time';

const HOUR = 3_600_000;
const PRESETS: { label: string; period: () => Period }[] = [
  { label: 'Today', period: () => ({ from: null, to: null }) },
  { label: 'Last hour', period: () => ({ from: new Date(Date.now() - HOUR).toISOString(), to: new Date().toISOString() }) },
  { label: 'Last 24 hours', period: () => ({ from: new Date(Date.now() - 24 * HOUR).toISOString(), to: new Date().toISOString() }) },
  { label: 'Last 7 days', period: () => ({ from: new Date(Date.now() - 7 * 24 * HOUR).toISOString(), to: new Date().toISOString() }) },
];

export function PeriodForm({ period, shownFrom, shownTo, onChange }: { period: Period; shownFrom?: string; shownTo?: string; onChange(p: Period): void }) {
  const [from, setFrom] = useState(toLocalInput(period.from ?? shownFrom ?? null));
  const [to, setTo] = useState(toLocalInput(period.to ?? shownTo ?? null));
  // The report says which period it covered (today's default included): show that.
  useEffect(() => {
    setFrom(toLocalInput(period.from ?? shownFrom ?? null));
    setTo(toLocalInput(period.to ?? shownTo ?? null));
  }, [period.from, period.to, shownFrom, shownTo]);
  const bad = from !== '' && to !== '' && fromLocalInput(from)! >= fromLocalInput(to)!;
  return (
    <form
      className="period-form no-print"
      aria-label="Period"
      onSubmit={(e) => {
        e.preventDefault();
        if (!bad) onChange({ from: fromLocalInput(from), to: fromLocalInput(to) });
      }}
    >
      <label>
        From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" disabled={bad}>
        Show
      </button>
      {PRESETS.map((p) => (
        <button key={p.label} type="button" className="link" onClick={() => onChange(p.period())}>
          {p.label}
        </button>
      ))}
      {bad ? <span className="hint warn">"From" must be before "to".</span> : null}
    </form>
  );
}
