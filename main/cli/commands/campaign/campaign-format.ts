// Human-readable output of the campaign, recycle-rule and callback commands.
import type { CallbackRow } from '../../../../shared/types/callbacks';
import type { CampaignChange, CampaignChangeResult, CampaignDetail, RecycleRule } from '../../../../shared/types/campaign';
import { table } from '../../output/format';

export function detailText(d: CampaignDetail): string {
  const s = d.settings;
  const rows: [string, string][] = [
    ['campaign', `${s.id} ${s.name} (${s.active ? 'active' : 'inactive'})`],
    ['retry delay', `${s.retry_delay_minutes} min (dropped: ${s.dropped_retry_delay_minutes} min)`],
    ['max dial attempts', String(s.max_dial_attempts)],
    ['hopper target', String(s.hopper_target)],
    ['recyclable statuses', s.recyclable_statuses.join(', ') || '(none)'],
    ['call window', `${s.call_window_start}-${s.call_window_end} ${s.timezone}`],
    ['lead order', s.lead_order + (s.new_every ? `, every ${s.new_every}th lead new` : '')],
    ['agent callbacks to anyone', s.agent_callback_minutes ? `${s.agent_callback_minutes} min after due` : 'never'],
  ];
  const lists = d.lists.map((l) => `  list ${l.id} ${l.name}: ${l.active ? 'active' : 'inactive'}`);
  return [table(rows), 'recycle rules:', rulesText(d.recycle_rules), 'lists:', ...(lists.length ? lists : ['  (none)'])].join('\n');
}

export function rulesText(rules: readonly RecycleRule[]): string {
  if (rules.length === 0) return '  (none)';
  return table(rules.map((r) => [`  ${r.status}`, `delay ${r.delay_minutes} min`, `max ${r.max_attempts}`, r.applies ? '' : '(not recyclable in this campaign: changes nothing)']));
}

export function historyText(changes: readonly CampaignChange[]): string {
  if (changes.length === 0) return 'No changes recorded.';
  return table([['when', 'who', 'field', 'from', 'to'], ...changes.map((c) => [c.changed_at, c.changed_by, c.field, c.old_value ?? '-', c.new_value ?? '-'])]);
}

export function changeText(r: CampaignChangeResult): string {
  if (r.changes.length === 0) return 'Nothing changed.';
  const lines = r.changes.map((c) => `${c.field}: ${c.old_value ?? '-'} -> ${c.new_value ?? '-'}`);
  const reasons = Object.entries(r.hopper_removed.by_reason).map(([k, n]) => `${n} ${k}`);
  lines.push(`hopper rows removed: ${r.hopper_removed.removed}${reasons.length ? ` (${reasons.join(', ')})` : ''}`);
  return lines.join('\n');
}

export function callbacksText(rows: readonly CallbackRow[]): string {
  if (rows.length === 0) return 'No callbacks.';
  return table([
    ['id', 'due', 'timing', 'lead', 'phone', 'for', 'state', 'note'],
    ...rows.map((r) => [String(r.id), r.due_at, r.timing, String(r.lead_id), r.phone, r.scope === 'agent' ? (r.agent ?? '') : 'anyone', r.state, r.note ?? '']),
  ]);
}
