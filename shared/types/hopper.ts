/** Why a lead of a campaign is not eligible now: the first rule that excludes it (docs/domain.md "Hopper eligibility and order"). */
export const EXCLUSION_RULES = [
  'campaign_inactive',
  'list_inactive',
  'final_status',
  'problem_status',
  'not_recyclable_status',
  'attempt_cap',
  'recycle_rule_cap',
  'retry_delay',
  'recycle_rule_delay',
  'dnc_phone',
  'outside_calling_hours',
  'already_queued',
] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

export interface ExplainRow {
  rule: ExclusionRule;
  count: number;
  /** For `retry_delay`, `recycle_rule_delay` and `outside_calling_hours`: when the first of these leads becomes eligible. */
  next_eligible_at: string | null;
}

export interface HopperExplain {
  campaign_id: number;
  now: string;
  total_leads: number;
  eligible_now: number;
  /** Leads eligible now that have a due callback (anyone, or an agent's handed over). */
  due_callbacks?: number;
  excluded: ExplainRow[];
  /** The campaign's window, local `HH:MM`, and every timezone its leads are called in. */
  calling_window?: { start: string; end: string; valid: boolean };
  timezones?: TimezoneWindowState[];
}

export interface HopperStats {
  campaign_id: number;
  queued: number;
  dialing: number;
  target: number;
  by_priority: { priority: number; count: number }[];
  by_status: { status: string | null; count: number }[];
  oldest_added_at: string | null;
  /** Null when not counted (`eligible: false`: the hopper screen takes explain's count instead). */
  eligible_now: number | null;
}

export interface FillResult {
  campaign_id: number;
  added: number;
  added_high_priority: number;
  queued_after: number;
  target: number;
}

export interface CleanupResult {
  removed: number;
  by_reason: Record<string, number>;
}

/**
 * Hopper row priorities: higher is dialed first. A `dropped` lead heard silence: call it back
 * first; a due callback was promised a call: right after.
 */
export const HOPPER_PRIORITY = { high: 10, callback: 5, normal: 0 } as const;

/** Why cleanup removed a row: a dialing row past the stale limit, or the first non-timing rule. */
export type CleanupReason = 'dialing_timeout' | Exclude<ExclusionRule, 'retry_delay' | 'recycle_rule_delay' | 'outside_calling_hours' | 'already_queued'>;

/** One lead timezone of a campaign at the explain's instant (invalid ones are always closed). */
export interface TimezoneWindowState {
  timezone: string;
  valid: boolean;
  open: boolean;
  local_time: string | null;
  next_open_at: string | null;
  /** Leads of the campaign called in this timezone. */
  leads: number;
}

/** A row handed to the dialer by `claim`. */
export interface ClaimedLead {
  hopper_id: number;
  lead_id: number;
  campaign_id: number;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  timezone: string | null;
  status: string | null;
  priority: number;
  claimed_at: string;
}

/** What `recordDialAttempt` did with one dial result. */
export interface DialAttemptResult {
  call_uuid: string;
  lead_id: number;
  /** False when this call_uuid was recorded before: nothing changed. */
  new_call: boolean;
  applied: boolean;
  /** The lead's status after the call. */
  status: string | null;
  status_changed: boolean;
  compliance_incidents: number;
  /** True when the lead went straight back into the hopper (a `dropped` result). */
  requeued: boolean;
}
