/** Why a lead of a campaign is not eligible now: the first rule that excludes it (domain.md "Hopper"). */
export const EXCLUSION_RULES = [
  'campaign_inactive',
  'list_inactive',
  'final_status',
  'problem_status',
  'not_recyclable_status',
  'attempt_cap',
  'retry_delay',
  'dnc_phone',
  'outside_calling_hours',
  'already_queued',
] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

export interface ExplainRow {
  rule: ExclusionRule;
  count: number;
  /** For `retry_delay` and `outside_calling_hours`: when the first of these leads becomes eligible. */
  next_eligible_at: string | null;
}

export interface HopperExplain {
  campaign_id: number;
  now: string;
  total_leads: number;
  eligible_now: number;
  excluded: ExplainRow[];
}

export interface HopperStats {
  campaign_id: number;
  queued: number;
  dialing: number;
  target: number;
  by_priority: { priority: number; count: number }[];
  by_status: { status: string | null; count: number }[];
  oldest_added_at: string | null;
  eligible_now: number;
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
