// One campaign in the live view: hopper against target, what can be dialed, recent dials and
// answers, today's outcomes, the abandon rate against the 3% limit, when it runs dry, and what
// needs a person (problem leads, with the way to fix them; compliance incidents).
import { useId } from 'react';
import type { LiveCampaignFigures } from '../../../../shared/types/reports';
import { count } from '../../format/format';
import { TextFigure } from '../../components/text-figure';
import { useStores } from '../../stores/stores';
import { ABANDON_LIMIT, rate, runsDryText, timeOf } from './live-text';
import { OutcomeStrip } from './outcome-strip';

export function LiveCampaignCard({ c, now }: { c: LiveCampaignFigures; now: Date }) {
  const titleId = useId();
  const { navigation } = useStores();
  const { queued, dialing, target } = c.hopper;
  const low = target > 0 && queued < target / 4;
  const openFix = () => {
    if (c.problem_list_id === null) return;
    navigation.getState().selectList(c.problem_list_id);
    navigation.getState().setView('recycling');
  };
  return (
    <section className="panel live-card" aria-labelledby={titleId}>
      <header className="live-card-header">
        <h2 id={titleId}>{c.campaign_name}</h2>
        {c.active ? null : <span className="badge">inactive</span>}
        <span className="live-asof">
          as of {timeOf(c.refreshed_at)}
          {c.slow_as_of !== c.refreshed_at ? ` · eligibility and 30-day figures as of ${timeOf(c.slow_as_of)}` : ''}
        </span>
      </header>
      <div className="live-figures">
        <TextFigure
          label="Hopper"
          value={`${count(queued)} / ${count(target)}`}
          tone={low ? 'warn' : 'plain'}
          note={
            <>
              <meter min={0} max={Math.max(1, target)} value={Math.min(queued, Math.max(1, target))} aria-label={`Hopper of ${c.campaign_name}: ${queued} queued of ${target}`} />
              {count(dialing)} dialing
            </>
          }
        />
        <TextFigure label="Eligible now" value={count(c.eligible_now)} tone={c.eligible_now === 0 ? 'warn' : 'good'} />
        <TextFigure label="Dials, last 15 min" value={count(c.dials_15m)} />
        <TextFigure label="Answers, last 15 min" value={count(c.answers_15m)} />
        <TextFigure label="Runs dry" value={runsDryText(c.runs_dry_at, c.runs_dry_note, now)} note={`${count(c.leads_left_today)} leads left today`} tone={c.runs_dry_at && new Date(c.runs_dry_at).getTime() - now.getTime() < 3_600_000 ? 'warn' : 'plain'} />
        <TextFigure label="Dials, last 60 min" value={count(c.dials_60m)} />
        <TextFigure label="Answers, last 60 min" value={count(c.answers_60m)} />
        <TextFigure
          label="Abandon rate, 30 days"
          value={rate(c.abandon_rate_30d)}
          tone={c.abandon_flag ? 'bad' : 'plain'}
          note={c.abandon_flag ? <strong className="flag">Above the {rate(ABANDON_LIMIT)} limit</strong> : `today ${rate(c.abandon_rate_today)}`}
        />
        <TextFigure
          label="Problem leads"
          value={c.problem_leads === null ? 'counting…' : count(c.problem_leads)}
          tone={c.problem_leads ? 'warn' : 'plain'}
          note={
            c.problem_leads && c.problem_list_id !== null ? (
              <button type="button" className="link" onClick={openFix}>
                Fix them
              </button>
            ) : c.problems_as_of ? (
              `as of ${timeOf(c.problems_as_of)}`
            ) : undefined
          }
        />
        <TextFigure label="Compliance incidents today" value={count(c.compliance_incidents_today)} tone={c.compliance_incidents_today > 0 ? 'bad' : 'plain'} />
      </div>
      <h3 className="live-subheading">Outcomes today</h3>
      <OutcomeStrip outcomes={c.outcomes_today} label={`Outcomes today, ${c.campaign_name}`} />
    </section>
  );
}
