// A campaign's settings, recycle rules and change history as the console and the CLI see them
// (domain.md, second part).
import type { LeadOrder } from '../campaign/lead-orders';
import type { CleanupResult } from './hopper';

export interface CampaignSettings {
  id: number;
  name: string;
  active: boolean;
  retry_delay_minutes: number;
  dropped_retry_delay_minutes: number;
  max_dial_attempts: number;
  hopper_target: number;
  recyclable_statuses: string[];
  call_window_start: string;
  call_window_end: string;
  timezone: string;
  lead_order: LeadOrder;
  new_every: number;
  agent_callback_minutes: number;
}

/** The fields a change may carry: any of the settings but the id. */
export type CampaignPatch = Partial<Omit<CampaignSettings, 'id'>>;
export type CampaignField = keyof CampaignPatch;

export interface RecycleRule {
  status: string;
  delay_minutes: number;
  max_attempts: number;
  /** False when the status is not among the campaign's recyclable statuses: the rule changes nothing. */
  applies: boolean;
}

export interface CampaignListState {
  id: number;
  name: string;
  active: boolean;
}

export interface CampaignDetail {
  settings: CampaignSettings;
  recycle_rules: RecycleRule[];
  lists: CampaignListState[];
}

export interface CampaignChange {
  id: number;
  campaign_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  changed_at: string;
  changed_by: string;
}

/** What a saved change did: the rows written, and the hopper rows it made ineligible (removed). */
export interface CampaignChangeResult {
  changes: CampaignChange[];
  hopper_removed: CleanupResult;
  detail: CampaignDetail;
}

/** "What this change does to the hopper now": explain's eligible-now before and after. */
export interface CampaignChangePreview {
  eligible_before: number;
  eligible_after: number;
  /** Queued rows the change would remove (not eligible any more for a reason other than timing). */
  hopper_rows_removed: number;
}

export interface FieldProblem {
  field: string;
  message: string;
}
