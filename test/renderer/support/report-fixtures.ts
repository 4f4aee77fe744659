// Back-end answers of the reports (live view, penetration, activity) for component tests.
import type { ActivityReport, LiveCampaignFigures, LiveView, PenetrationReport } from '../../../shared/types/reports';

export function liveCampaign(overrides: Partial<LiveCampaignFigures> = {}): LiveCampaignFigures {
  return {
    campaign_id: 1,
    campaign_name: 'Solar Savings Outreach',
    active: true,
    refreshed_at: '2026-11-24T15:00:00.000Z',
    hopper: { queued: 120, dialing: 4, target: 200 },
    dials_15m: 30,
    answers_15m: 9,
    dials_60m: 110,
    answers_60m: 33,
    outcomes_today: { contacted: 20, no_answer: 60, busy: 10, sale: 3, dropped: 1 },
    abandon_rate_today: 1 / 24,
    compliance_incidents_today: 0,
    eligible_now: 4_200,
    problem_leads: 37,
    abandon_rate_30d: 0.021,
    abandon_flag: false,
    runs_dry_at: '2026-11-24T17:30:00.000Z',
    runs_dry_note: null,
    leads_left_today: 5_100,
    slow_as_of: '2026-11-24T15:00:00.000Z',
    problem_list_id: 2,
    problems_as_of: '2026-11-24T14:59:00.000Z',
    ...overrides,
  };
}

export function liveView(campaigns: LiveCampaignFigures[], generated_at = '2026-11-24T15:00:00.000Z'): LiveView {
  return { generated_at, campaigns };
}

export const PENETRATION: PenetrationReport = {
  list_id: 1,
  list_name: 'Solar — Main import',
  campaign_id: 1,
  now: '2026-11-24T15:00:00.000Z',
  statuses: [
    { status: 'new', leads: 4_000, called: 0, not_called: 4_000, dialable: 3_500 },
    { status: 'no_answer', leads: 5_000, called: 5_000, not_called: 0, dialable: 1_200 },
    { status: 'sale', leads: 800, called: 800, not_called: 0, dialable: 0 },
    { status: null, leads: 200, called: 150, not_called: 50, dialable: 0 },
  ],
  totals: { leads: 10_000, called: 5_950, not_called: 4_050, dialable: 4_700 },
  done: 2_300,
  penetration: 0.23,
  max_dial_attempts: 3,
  attempts_histogram: [
    { attempts: 0, leads: 4_050 },
    { attempts: 1, leads: 3_000 },
    { attempts: 2, leads: 1_450 },
    { attempts: 3, leads: 1_500 },
  ],
  timezones: [
    { timezone: 'America/New_York', leads: 7_000, called: 4_000, dialable: 4_700, window_open: true },
    { timezone: 'America/Los_Angeles', leads: 3_000, called: 1_950, dialable: 0, window_open: false },
  ],
};

export function penetrationOf(listId: number, listName: string, penetration: number): PenetrationReport {
  return { ...PENETRATION, list_id: listId, list_name: listName, penetration };
}

export const ACTIVITY: ActivityReport = {
  campaign_id: 1,
  campaign_name: 'Solar Savings Outreach',
  from: '2026-11-24T14:00:00.000Z',
  to: '2026-11-24T15:00:00.000Z',
  now: '2026-11-24T15:00:00.000Z',
  calls: 50,
  answered: 14,
  outcomes: { contacted: 12, sale: 2, no_answer: 30, dropped: 1, busy: 5 },
  per_15_minutes: [
    { start: '2026-11-24T14:00:00.000Z', calls: 20, answered: 6, outcomes: { contacted: 5, sale: 1, no_answer: 12, busy: 2 } },
    { start: '2026-11-24T14:15:00.000Z', calls: 0, answered: 0, outcomes: {} },
    { start: '2026-11-24T14:30:00.000Z', calls: 18, answered: 5, outcomes: { contacted: 4, sale: 1, no_answer: 10, busy: 3 } },
    { start: '2026-11-24T14:45:00.000Z', calls: 12, answered: 3, outcomes: { contacted: 3, no_answer: 8, dropped: 1 } },
  ],
  abandon_rate_30d: 0.0325,
  abandon_flag: true,
  abandon_30d: { dropped: 13, answered: 387, from: '2026-10-25T15:00:00.000Z', to: '2026-11-24T15:00:00.000Z' },
  runs_dry_at: null,
  runs_dry_note: 'no recent dialing',
  leads_left_today: 4_200,
  calls_last_hour: 0,
};
