// A lead's calls and status changes on one timeline, newest first.
import type { LeadStory } from '../../../../shared/types/leads';
import { dateTime, statusLabel } from '../../format/format';

type Entry = { at: string; key: string; kind: 'call' | 'change'; what: string; detail: string };

function entries(story: LeadStory): Entry[] {
  const calls: Entry[] = story.calls.map((c) => ({
    at: c.started_at,
    key: `call-${c.id}`,
    kind: 'call',
    what: `Call: ${c.classified}`,
    detail: [
      c.result !== null && c.result !== c.classified ? `dialer said ${JSON.stringify(c.result)}` : null,
      c.hangup_cause ? `hangup cause ${c.hangup_cause}` : null,
      c.duration_seconds !== null ? `${c.duration_seconds} s` : null,
      c.agent ? `agent ${c.agent}` : null,
      c.lead_synced_at === null ? 'not applied yet' : null,
    ]
      .filter(Boolean)
      .join(' · '),
  }));
  const changes: Entry[] = story.audit.map((a) => ({
    at: a.created_at,
    key: `audit-${a.id}`,
    kind: 'change',
    what: `${statusLabel(a.old_status)} → ${statusLabel(a.new_status)}`,
    detail: [a.operation_kind && a.operation_kind !== a.source ? `${a.source} (${a.operation_kind})` : a.source, a.changed_by ? `by ${a.changed_by}` : null, a.reason].filter(Boolean).join(' · '),
  }));
  return [...calls, ...changes].sort((x, y) => Date.parse(y.at) - Date.parse(x.at) || y.key.localeCompare(x.key));
}

export function LeadTimeline({ story }: { story: LeadStory }) {
  const list = entries(story);
  if (list.length === 0) return <p className="hint">No call and no status change yet.</p>;
  return (
    <ol className="timeline" aria-label="Timeline">
      {list.map((e) => (
        <li key={e.key} className={`timeline-${e.kind}`}>
          <span className="nowrap timeline-at">{dateTime(e.at)}</span>
          <span className="timeline-what">{e.what}</span>
          <span className="timeline-detail">{e.detail}</span>
        </li>
      ))}
    </ol>
  );
}
