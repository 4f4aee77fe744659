// Human-readable hopper reports for the terminal (--json prints the raw results instead).
import type { CleanupResult, ClaimedLead, FillResult, HopperExplain, HopperStats } from '../../../shared/types/hopper';
import { fmt, table } from '../output/format';

const RULE_TEXT: Record<string, string> = {
  campaign_inactive: 'campaign is turned off',
  list_inactive: 'list is turned off',
  final_status: 'final status (sale, dnc, ...)',
  problem_status: 'NULL, alias or unknown status (run fix-lead-status)',
  not_recyclable_status: 'status not dialable in this campaign',
  attempt_cap: 'reached max dial attempts',
  retry_delay: 'waiting for the retry delay',
  dnc_phone: 'phone is on the DNC list',
  outside_calling_hours: 'outside calling hours',
  already_queued: 'already in the hopper',
  dialing_timeout: 'dialing longer than the stale limit',
};

export function fillText(r: FillResult): string {
  return `Campaign ${r.campaign_id}: added ${fmt(r.added)} leads (${fmt(r.added_high_priority)} dropped, high priority); ${fmt(r.queued_after)} queued of target ${fmt(r.target)}.`;
}

export function claimText(rows: ClaimedLead[]): string {
  if (rows.length === 0) return 'Nothing to claim: the hopper has no queued lead that may be called now.';
  return table(
    [['hopper', 'lead', 'phone', 'status', 'priority'], ...rows.map((r) => [String(r.hopper_id), String(r.lead_id), r.phone, r.status ?? 'NULL', String(r.priority)])],
    ['r', 'r', 'l', 'l', 'r'],
  );
}

export function statsText(s: HopperStats): string {
  const lines = [
    `Campaign ${s.campaign_id} hopper: ${fmt(s.queued)} queued (target ${fmt(s.target)}), ${fmt(s.dialing)} dialing, ${fmt(s.eligible_now ?? 0)} more leads eligible now.`,
    `Oldest entry: ${s.oldest_added_at ?? '—'}`,
  ];
  if (s.by_priority.length > 0) lines.push(`By priority: ${s.by_priority.map((p) => `${p.priority}: ${fmt(p.count)}`).join(', ')}`);
  if (s.by_status.length > 0) lines.push(`By lead status: ${s.by_status.map((p) => `${p.status ?? 'NULL'}: ${fmt(p.count)}`).join(', ')}`);
  return lines.join('\n');
}

export function explainText(e: HopperExplain): string {
  const rows: (string | number)[][] = [['reason', 'leads', 'next eligible']];
  for (const x of e.excluded) if (x.count > 0) rows.push([RULE_TEXT[x.rule] ?? x.rule, x.count, x.next_eligible_at ?? '']);
  rows.push(['eligible now', e.eligible_now, '']);
  rows.push(['total leads', e.total_leads, '']);
  const lines = [`Campaign ${e.campaign_id} at ${e.now}: ${fmt(e.eligible_now)} of ${fmt(e.total_leads)} leads eligible now.`, '', table(rows, ['l', 'r', 'l'])];
  if (e.calling_window) {
    lines.push('', `Calling window ${e.calling_window.start}–${e.calling_window.end} local${e.calling_window.valid ? '' : ' (NOT a valid window: closed everywhere)'}:`);
    for (const z of e.timezones ?? []) {
      const state = !z.valid ? 'invalid timezone: never called' : z.open ? `open (local ${z.local_time})` : `closed (local ${z.local_time}), opens ${z.next_open_at ?? 'never'}`;
      lines.push(`  ${z.timezone}: ${fmt(z.leads)} leads, ${state}`);
    }
  }
  return lines.join('\n');
}

export function cleanupText(r: CleanupResult): string {
  if (r.removed === 0) return 'No stale hopper rows.';
  return [`Removed ${fmt(r.removed)} stale hopper rows:`, ...Object.entries(r.by_reason).map(([k, n]) => `  ${RULE_TEXT[k] ?? k}: ${fmt(n)}`)].join('\n');
}
