// A campaign's hopper: what is queued and dialing, what is eligible now, and why the rest is not.
import { useEffect } from 'react';
import type { ExclusionRule, HopperExplain } from '../../../../shared/types/hopper';
import { DataTable, type Column } from '../../components/data-table';
import { count, dateTime, statusLabel } from '../../format/format';
import { Figure } from '../../components/figure';
import { useSlice, useStores } from '../../stores/stores';
import { nextEligible } from './next-eligible';
import { TimezoneTable } from './timezone-table';
import { WhatIfPicker } from './what-if-picker';

const RULE_TEXT: Record<ExclusionRule, string> = {
  campaign_inactive: 'Campaign is not active',
  list_inactive: 'List is not active',
  final_status: 'Final status (sale, DNC, …)',
  problem_status: 'Problem status (needs a fix)',
  not_recyclable_status: "Status not in the campaign's dialable statuses",
  attempt_cap: 'Reached the maximum dial attempts',
  recycle_rule_cap: "Reached its status's recycle-rule maximum",
  retry_delay: 'Waiting for the retry delay',
  recycle_rule_delay: "Waiting for its status's recycle-rule delay",
  dnc_phone: 'Phone is on the do-not-call list',
  outside_calling_hours: 'Outside calling hours now',
  already_queued: 'Already in the hopper',
};

/** With nothing eligible the screen must not look dead: say when the next leads are, or that waiting will not help. */
function EligibleSentence({ explain }: { explain: HopperExplain }) {
  const next = nextEligible(explain);
  if (explain.eligible_now > 0) {
    return (
      <p className="hint" aria-label="When leads are eligible">
        {count(explain.eligible_now)} leads are eligible at {dateTime(explain.now)}.
      </p>
    );
  }
  return (
    <p className="notice" role="status" aria-label="When leads are eligible">
      No lead is eligible at {dateTime(explain.now)}.{' '}
      {next
        ? `The next ones become eligible at ${dateTime(next.at)}: the first of the ${count(next.leads)} leads held by “${RULE_TEXT[next.rule] ?? next.rule}”.`
        : explain.total_leads === 0
          ? 'The campaign has no lead.'
          : 'None becomes eligible by waiting: each is held by a rule that only a change lifts (see below).'}
    </p>
  );
}

const EXPLAIN_COLUMNS: Column<HopperExplain['excluded'][number]>[] = [
  {
    key: 'reason',
    header: 'Reason',
    cell: (row) => (
      <>
        {RULE_TEXT[row.rule] ?? row.rule} <code className="rule">{row.rule}</code>
      </>
    ),
  },
  { key: 'leads', header: 'Leads', headerClassName: 'num', className: 'num', cell: (row) => count(row.count) },
  { key: 'next', header: 'Next eligible', cell: (row) => (row.next_eligible_at ? dateTime(row.next_eligible_at) : '—') },
];

export function HopperScreen({ campaignId, campaignName }: { campaignId: number; campaignName: string }) {
  const { hopper } = useStores();
  const state = useSlice((s) => s.hopper, (s) => s);
  useEffect(() => {
    void hopper.getState().load(campaignId);
  }, [campaignId, hopper]);
  // Leaving the screen stops the explain on its way, on the server too.
  useEffect(() => () => hopper.getState().leave(), [hopper]);
  const { stats, explain } = state;
  const excludedTotal = explain ? explain.excluded.reduce((n, r) => n + r.count, 0) : 0;
  return (
    <section className="screen" aria-labelledby="hopper-title">
      <header className="screen-header">
        <div>
          <h1 id="hopper-title">Hopper</h1>
          <p className="subtitle">{campaignName}</p>
        </div>
        <div className="header-actions">
          <button type="button" onClick={() => void state.refresh()} disabled={state.filling}>
            Refresh
          </button>
          <button type="button" className="primary" onClick={() => void state.fill()} disabled={state.filling}>
            Fill now
          </button>
        </div>
      </header>
      {state.lastFill ? (
        <p className="notice" role="status">
          Added {count(state.lastFill.added)} leads ({count(state.lastFill.added_high_priority)} high priority); {count(state.lastFill.queued_after)} queued of a target of{' '}
          {count(state.lastFill.target)}.
        </p>
      ) : null}
      {stats ? (
        <div className="figures">
          <Figure label="Queued" value={stats.queued} />
          <Figure label="Dialing" value={stats.dialing} />
          <Figure label="Target" value={stats.target} />
          <Figure label={state.whatIf ? 'Eligible then' : 'Eligible now'} value={explain?.eligible_now ?? stats.eligible_now} tone="good" />
        </div>
      ) : state.loading ? (
        <p className="loading">Loading the hopper…</p>
      ) : null}
      {stats && stats.queued + stats.dialing > 0 ? (
        <p className="hint">
          Oldest entry added {dateTime(stats.oldest_added_at)}. In the hopper by status:{' '}
          {stats.by_status.map((s) => `${statusLabel(s.status)} ${count(s.count)}`).join(', ')}.
        </p>
      ) : null}
      {explain ? <WhatIfPicker now={explain.now} whatIf={state.whatIf} onChange={(iso) => void state.setWhatIf(iso)} /> : null}
      {explain ? <EligibleSentence explain={explain} /> : null}
      {explain ? (
        <section className="panel" aria-labelledby="explain-title">
          <h2 id="explain-title">Why leads are not eligible</h2>
          <p className="hint">
            {count(explain.total_leads)} leads in the campaign, {count(explain.eligible_now)} eligible, {count(excludedTotal)} excluded (each by the first rule it fails), as of{' '}
            {dateTime(explain.now)}.
          </p>
          <DataTable label="Hopper explain" columns={EXPLAIN_COLUMNS} rows={explain.excluded} rowKey={(row) => row.rule} rowHeader empty="No lead is excluded." />
        </section>
      ) : state.explaining ? (
        <p className="loading" role="status">
          Checking every lead of the campaign against the hopper rules…
        </p>
      ) : null}
      {explain ? <TimezoneTable explain={explain} /> : null}
    </section>
  );
}
