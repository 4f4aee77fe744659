// Back-end answers for component tests, shaped exactly like the contract's outputs.
import type { AppInfo } from '../../../shared/ipc/contract';
import type { HopperExplain, HopperStats } from '../../../shared/types/hopper';
import type { JobInfo, JobRun } from '../../../shared/types/jobs';
import type { RecyclePreview, UndoableOperation } from '../../../shared/types/recycling';
import type { CampaignSummary, FixReport, ListBreakdown, ListProblemReport, StatusCount } from '../../../shared/types/status';
import { categoryOfStored } from '../../../shared/catalogue';

export const INFO: AppInfo = { version: '0.1.0', database: { kind: 'sqlite', description: '/tmp/demo.sqlite' }, shell: 'browser' };

export const CAMPAIGNS: CampaignSummary[] = [
  {
    id: 1,
    name: 'Solar Savings Outreach',
    active: true,
    timezone: 'America/New_York',
    lists: [
      { id: 1, campaign_id: 1, name: 'Solar — Main import', active: true, leads: 10_000 },
      { id: 2, campaign_id: 1, name: 'Solar — Web form', active: true, leads: 500 },
    ],
  },
  { id: 2, name: 'Winback Q4', active: true, timezone: 'America/Los_Angeles', lists: [{ id: 3, campaign_id: 2, name: 'Winback — Former', active: true, leads: 40 }] },
];

export function breakdownOf(listId: number, counts: [string | null, number][]): ListBreakdown {
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const statuses: StatusCount[] = counts.map(([status, count]) => ({ status, count, share: total ? count / total : 0, category: categoryOfStored(status) }));
  return {
    list_id: listId,
    total,
    statuses,
    recyclable: statuses.filter((s) => s.category === 'recyclable').reduce((n, s) => n + s.count, 0),
    problematic: statuses.filter((s) => s.category === 'problematic').reduce((n, s) => n + s.count, 0),
  };
}

export const LIST1 = breakdownOf(1, [
  ['new', 2_000],
  ['no_answer', 3_000],
  ['busy', 1_200],
  [null, 1_500],
  ['sale', 300],
  ['dnc', 100],
  ['XFER', 20],
  ['contacted', 1_880],
]);

export function problemReport(issues: Partial<FixReport['issues']> = {}, notFixable = 0, mode: FixReport['mode'] = 'report'): ListProblemReport {
  const all = { dialed_but_new: 0, missing_dial_tracking: 0, null_status: 0, unknown_status: 0, ...issues };
  const total = Object.values(all).reduce((n, c) => n + c, 0);
  return {
    mode,
    scope: { campaign_id: null, list_id: 1 },
    checked: 10_000,
    issues: all,
    total_issues: total,
    not_fixable: notFixable,
    fixed: mode === 'report' ? 0 : total - notFixable,
    errors: 0,
    error_messages: [],
    operation_id: mode === 'fix' ? '7d8a3e0c-0000-4000-8000-000000000001' : null,
    status_distribution_after: mode === 'report' ? {} : { failed: 900, new: 600 },
    samples: { dialed_but_new: [], missing_dial_tracking: [], null_status: [], unknown_status: [] },
    stopped: false,
    as_of: '2026-11-24T10:00:00.000Z',
    cached: false,
  };
}

export function preview(willChange: number, byStatus: { status: string | null; count: number }[]): RecyclePreview {
  return { list_id: 1, will_change: willChange, by_status: byStatus, skipped_dnc: 0, needs_override: [] };
}

export const UNDOABLE: UndoableOperation = {
  operation_id: '7d8a3e0c-0000-4000-8000-000000000002',
  kind: 'recycle',
  list_id: 1,
  started_at: '2026-11-24T14:00:00.000Z',
  changed: 4_200,
  undoable: true,
  reason: null,
};

export const HOPPER_STATS: HopperStats = {
  campaign_id: 1,
  queued: 0,
  dialing: 0,
  target: 200,
  by_priority: [],
  by_status: [],
  oldest_added_at: null,
  eligible_now: 0,
};

export const HOPPER_EXPLAIN: HopperExplain = {
  campaign_id: 1,
  now: '2026-11-24T15:00:00.000Z',
  total_leads: 10_500,
  eligible_now: 0,
  excluded: [
    { rule: 'final_status', count: 400, next_eligible_at: null },
    { rule: 'retry_delay', count: 4_200, next_eligible_at: '2026-11-24T16:30:00.000Z' },
    { rule: 'outside_calling_hours', count: 5_900, next_eligible_at: '2026-11-25T14:00:00.000Z' },
  ],
};

export function jobRun(id: number, job: JobRun['job'], outcome: JobRun['outcome'] = 'ok', counts: Record<string, number> = { queued: 12 }): JobRun {
  return { id, job, started_at: '2026-11-24T14:59:00.000Z', finished_at: outcome === 'running' ? null : '2026-11-24T14:59:01.250Z', outcome, counts, error: outcome === 'failed' ? 'database is locked' : null, runner: 'console-1' };
}

export const JOBS: JobInfo[] = [
  { job: 'fill_hopper', enabled: true, schedule: '* * * * *', schedule_text: 'Every minute', next_run_at: '2026-11-24T15:01:00.000Z', last_run: jobRun(1, 'fill_hopper') },
  { job: 'reconcile_lead_status', enabled: false, schedule: '0 2 * * *', schedule_text: 'At 02:00 AM', next_run_at: null, last_run: null },
];
