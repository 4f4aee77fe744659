import type { ProblemClass } from '../catalogue/problem-classes';
import type { Status, StatusCategory } from '../catalogue/statuses';

export interface StatusCount {
  /** The stored word as it is; null for NULL. */
  status: string | null;
  count: number;
  /** Fraction of the list, 0..1. */
  share: number;
  category: StatusCategory;
  /** An unknown word a person saved as an alias: the status it reads as (the fix writes it). */
  saved_alias?: Status;
}

export interface ListBreakdown {
  list_id: number;
  total: number;
  statuses: StatusCount[];
  recyclable: number;
  problematic: number;
}

export type FixMode = 'report' | 'dry-run' | 'fix';

export interface FixReport {
  mode: FixMode;
  scope: { campaign_id: number | null; list_id: number | null };
  checked: number;
  issues: Record<ProblemClass, number>;
  total_issues: number;
  not_fixable: number;
  /** Leads a fix changed (or, in a dry run, would change). */
  fixed: number;
  errors: number;
  error_messages: string[];
  operation_id: string | null;
  /** Statuses of the fixed leads after the fix (what a dry run would leave). */
  status_distribution_after: Record<string, number>;
  /** Up to `sampleSize` lead ids per class. */
  samples: Record<ProblemClass, number[]>;
  stopped: boolean;
}

/**
 * A list's problem counts as the recycling screen shows them: counted at `as_of` and kept until
 * something in the list changes (main/services/problems/problem-counts.ts).
 */
export interface ListProblemReport extends FixReport {
  /** When these counts were taken (ISO). */
  as_of: string;
  /** True when answered from the counts kept since `as_of`, false when counted for this request. */
  cached: boolean;
}

export interface ListSummary {
  id: number;
  campaign_id: number;
  name: string;
  active: boolean;
  leads: number;
}

export interface CampaignSummary {
  id: number;
  name: string;
  active: boolean;
  timezone: string;
  lists: ListSummary[];
}

/** What `reconcile_lead_status` would do now: apply these calls, then fix as this dry run says. */
export interface ReconcilePreview {
  unapplied_calls: number;
  report: FixReport;
}
