// Supervisor reports (docs/reports.md; domain.md second part, "Reports"): penetration of a list,
// a campaign's activity over a period, and the live campaign view. Keys are snake_case: these
// objects are also the CLI's `--json` output, whose keys the issue names.

/** The four counts of a penetration row, and of its totals. */
export interface PenetrationCounts {
  leads: number;
  /** `dial_attempts > 0`. */
  called: number;
  not_called: number;
  /** Queued in the hopper now, or eligible now (the hopper's one eligibility definition, at `now`). */
  dialable: number;
}

export interface PenetrationStatusRow extends PenetrationCounts {
  /** The normalised status (aliases resolved); null for blank; an unknown word as stored. */
  status: string | null;
}

export interface AttemptsBucket {
  /** 0, 1, …, up to the campaign's `max_dial_attempts`, whose bucket also holds every lead above it. */
  attempts: number;
  leads: number;
}

export interface PenetrationTimezoneRow {
  /** The lead's timezone, else the campaign's. */
  timezone: string;
  leads: number;
  called: number;
  dialable: number;
  /** The campaign's calling window is open in this timezone at `now` (an invalid timezone: never). */
  window_open: boolean;
}

export interface PenetrationReport {
  list_id: number;
  list_name: string;
  campaign_id: number;
  /** The instant the report is evaluated at (ISO). */
  now: string;
  statuses: PenetrationStatusRow[];
  totals: PenetrationCounts;
  /** Leads that are done: a final status, or attempts at the campaign's (or its status rule's) maximum. */
  done: number;
  /** `done / leads`, 0..1 (0 for an empty list). */
  penetration: number;
  /** The campaign's `max_dial_attempts`: the histogram's last bucket. */
  max_dial_attempts: number;
  attempts_histogram: AttemptsBucket[];
  timezones: PenetrationTimezoneRow[];
}

/** Calls per outcome (a catalogue status, after alias and hangup-cause classification). */
export type OutcomeMix = Record<string, number>;

export interface QuarterHour {
  /** Start of the 15 minutes (ISO, UTC). */
  start: string;
  calls: number;
  answered: number;
  outcomes: OutcomeMix;
}

/** Why `runs_dry_at` is what it is. */
export type RunsDryNote = 'no recent dialing' | 'nothing left to dial today' | null;

export interface RunsDry {
  /** When the campaign runs out of leads at the last hour's dial rate; null with no recent dialing. */
  runs_dry_at: string | null;
  runs_dry_note: RunsDryNote;
  /** Leads to dial today: queued or eligible now, plus those whose retry delay ends today. */
  leads_left_today: number;
  calls_last_hour: number;
}

export interface AbandonRate {
  /** `dropped / (answered + dropped)` over the 30 days before `now`, 0..1; null with no such call. */
  abandon_rate_30d: number | null;
  /** Above 3% (the US telemarketing rule's limit); exactly 3% is not flagged. */
  abandon_flag: boolean;
  abandon_30d: { dropped: number; answered: number; from: string; to: string };
}

export interface ActivityReport extends AbandonRate, RunsDry {
  campaign_id: number;
  campaign_name: string;
  /** The period, by `started_at`: from inclusive, to exclusive (ISO). */
  from: string;
  to: string;
  now: string;
  calls: number;
  answered: number;
  outcomes: OutcomeMix;
  /** Every quarter hour of the period, empty ones included. */
  per_15_minutes: QuarterHour[];
}

/** One campaign in the live view. Fast figures are at most 5 s old; slow ones carry their own time. */
export interface LiveCampaignFigures {
  campaign_id: number;
  campaign_name: string;
  active: boolean;
  /** When the fast figures below were read (ISO). */
  refreshed_at: string;
  hopper: { queued: number; dialing: number; target: number };
  dials_15m: number;
  answers_15m: number;
  dials_60m: number;
  answers_60m: number;
  /** Since local midnight in the campaign's timezone. */
  outcomes_today: OutcomeMix;
  abandon_rate_today: number | null;
  compliance_incidents_today: number;
  /**
   * Figures that read every lead of the campaign (eligibility) or 30 days of calls: counted at most
   * once a minute per campaign, and after a job run; `slow_as_of` says when.
   */
  eligible_now: number;
  abandon_rate_30d: number | null;
  abandon_flag: boolean;
  runs_dry_at: string | null;
  runs_dry_note: RunsDryNote;
  leads_left_today: number;
  slow_as_of: string;
  /**
   * Problem leads (the problem report's classes) of the campaign: the costliest count, made at
   * most every `problems_interval` in the background and after a sync or reconcile run; null until
   * the first count is in (a later `reports/live-updated` brings it).
   */
  problem_leads: number | null;
  /** The list a "fix problem leads" link opens (the campaign's list with the most problem leads), or null. */
  problem_list_id: number | null;
  problems_as_of: string | null;
}

export interface LiveView {
  generated_at: string;
  campaigns: LiveCampaignFigures[];
}

/** A report as a CSV file (a header row, cells guarded against spreadsheet formulas). */
export interface ReportCsv {
  filename: string;
  csv: string;
  rows: number;
}
