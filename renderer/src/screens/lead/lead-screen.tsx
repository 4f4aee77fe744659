// One lead's whole story: who, where, whether it may be dialed now (in plain words), the
// actions, and a timeline of its calls and status changes.
import { eligibilitySentence } from '../../../../shared/domain/eligibility-words';
import { dateTime, statusLabel } from '../../format/format';
import { useSlice } from '../../stores/stores';
import { LeadActions } from './lead-actions';
import { LeadTimeline } from './lead-timeline';

export function LeadScreen() {
  const { leadId, story, loading } = useSlice((s) => s.lead, (s) => s);
  if (leadId === null) return <p className="empty">Find a lead with the search box (press / or Ctrl+K).</p>;
  if (!story) return <p className="loading">{loading ? `Loading lead ${leadId}…` : `Lead ${leadId} could not be loaded.`}</p>;
  const l = story.lead;
  const e = story.eligibility;
  return (
    <section className="screen lead-screen" aria-labelledby="lead-title">
      <header className="screen-header">
        <div>
          <h1 id="lead-title">
            Lead #{l.id}: {[l.first_name, l.last_name].filter(Boolean).join(' ') || '(no name)'}
          </h1>
          <p className="subtitle">
            {l.phone}
            {story.phone_on_dnc ? ' · on the DNC list' : ''} · {l.campaign_name}
            {l.campaign_active ? '' : ' (off)'} / {l.list_name}
            {l.list_active ? '' : ' (off)'}
          </p>
        </div>
      </header>
      <p className={`eligibility ${e.eligible ? 'ok' : 'blocked'}`} role="status" aria-label="Eligibility now">
        {eligibilitySentence(e, dateTime)}
      </p>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{statusLabel(l.status)}</dd>
        <dt>Dial attempts</dt>
        <dd>
          {l.dial_attempts} ({l.answered_count} answered)
        </dd>
        <dt>Last dial</dt>
        <dd>
          {dateTime(l.last_dial_attempt)} {l.dial_result ? `(${l.dial_result})` : ''}
        </dd>
        <dt>Status set</dt>
        <dd>{dateTime(l.last_status_change)}</dd>
        <dt>Timezone</dt>
        <dd>{l.timezone ?? 'the campaign’s'}</dd>
        <dt>Hopper</dt>
        <dd>{story.hopper ? `${story.hopper.state}, priority ${story.hopper.priority}, since ${dateTime(story.hopper.added_at)}` : 'not queued'}</dd>
        <dt>Callbacks</dt>
        <dd>{story.callbacks.length === 0 ? 'none' : story.callbacks.map((c) => `${dateTime(c.due_at)} (${c.agent ?? 'anyone'}, ${c.state})`).join(', ')}</dd>
      </dl>
      <LeadActions story={story} />
      <h2>Timeline</h2>
      <LeadTimeline story={story} />
    </section>
  );
}
