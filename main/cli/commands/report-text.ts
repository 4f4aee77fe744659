// The reports as a supervisor reads them in a terminal (--json prints the objects instead).
import type { ActivityReport, PenetrationReport } from '../../../shared/types/reports';
import { fmt, pct, table } from '../output/format';

export function penetrationText(r: PenetrationReport): string {
  const rows: (string | number)[][] = [['status', 'leads', 'called', 'not called', 'dialable']];
  for (const s of r.statuses) rows.push([s.status === null ? '(no status)' : JSON.stringify(s.status), s.leads, s.called, s.not_called, s.dialable]);
  rows.push(['total', r.totals.leads, r.totals.called, r.totals.not_called, r.totals.dialable]);
  const last = r.attempts_histogram.length - 1;
  const histogram = r.attempts_histogram.map((b, i) => `${b.attempts}${i === last ? '+' : ''}: ${fmt(b.leads)}`).join(', ');
  const zones: (string | number)[][] = [['timezone', 'leads', 'called', 'dialable', 'window']];
  for (const z of r.timezones) zones.push([z.timezone, z.leads, z.called, z.dialable, z.window_open ? 'open' : 'closed']);
  return [
    `List ${r.list_id} (${r.list_name}), campaign ${r.campaign_id}, at ${r.now}: penetration ${pct(r.penetration)} (${fmt(r.done)} of ${fmt(r.totals.leads)} leads done).`,
    '',
    table(rows, ['l', 'r', 'r', 'r', 'r']),
    '',
    `Dial attempts (last bucket: ${r.max_dial_attempts}, the campaign's maximum, and above): ${histogram}`,
    '',
    table(zones, ['l', 'r', 'r', 'r', 'l']),
  ].join('\n');
}

export function activityText(r: ActivityReport): string {
  const mix = Object.entries(r.outcomes).map(([o, n]) => `${o} ${fmt(n)}`).join(', ') || 'no calls';
  const busy = r.per_15_minutes.filter((q) => q.calls > 0);
  const abandon = r.abandon_rate_30d === null ? 'no answered or dropped call' : `${pct(r.abandon_rate_30d)}${r.abandon_flag ? '  ABOVE the 3% limit' : ''}`;
  const dry = r.runs_dry_at === null ? r.runs_dry_note ?? '' : `${r.runs_dry_at}${r.runs_dry_note ? ` (${r.runs_dry_note})` : ''}`;
  const lines = [
    `Campaign ${r.campaign_id} (${r.campaign_name}), ${r.from} to ${r.to}: ${fmt(r.calls)} calls, ${fmt(r.answered)} answered.`,
    `Outcomes: ${mix}`,
    `Abandon rate, last 30 days: ${abandon} (${fmt(r.abandon_30d.dropped)} dropped, ${fmt(r.abandon_30d.answered)} answered)`,
    `Runs dry at: ${dry} (${fmt(r.leads_left_today)} leads left today, ${fmt(r.calls_last_hour)} calls in the last hour)`,
  ];
  if (busy.length > 0) lines.push('', table([['15 minutes from', 'calls', 'answered'], ...busy.map((q) => [q.start, q.calls, q.answered])], ['l', 'r', 'r']));
  return lines.join('\n');
}
