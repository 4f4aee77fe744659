// One lead at a time (issue 17): search results, the lead's story, its eligibility now, the
// manual actions on it, and the status words a person resolves.
import type { Status } from '../catalogue/statuses';
import type { ExclusionRule } from './hopper';
import type { AuditSource } from './audit';

export type LeadMatch = 'id' | 'phone' | 'name';

export interface LeadSearchRow {
  id: number;
  list_id: number;
  list_name: string;
  campaign_id: number;
  campaign_name: string;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  status: string | null;
  dial_attempts: number;
  last_dial_attempt: string | null;
  created_at: string;
  /** What the query matched: the id, the phone (whole or its last digits), a name prefix. */
  matched: LeadMatch[];
}

export interface LeadSearchResult {
  query: string;
  /** How the query was read: which keys were searched. */
  searched: LeadMatch[];
  /** Newest first. */
  leads: LeadSearchRow[];
  /** Pass as `beforeId` for the next page; null when there is none. */
  next_before_id: number | null;
}

export interface LeadRecord {
  id: number;
  list_id: number;
  list_name: string;
  list_active: boolean;
  campaign_id: number;
  campaign_name: string;
  campaign_active: boolean;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  timezone: string | null;
  status: string | null;
  dial_attempts: number;
  answered_count: number;
  last_dial_attempt: string | null;
  dial_result: string | null;
  last_status_change: string | null;
  attempts_reset_at: string | null;
  created_at: string;
}

export interface LeadCall {
  id: number;
  call_uuid: string;
  started_at: string;
  ended_at: string | null;
  duration_seconds: number | null;
  /** As the dialer wrote it. */
  result: string | null;
  /** The result after alias and hangup-cause classification (docs/domain.md). */
  classified: Status;
  hangup_cause: string | null;
  agent: string | null;
  /** Applied to the lead at; null while the sync has not applied it. */
  lead_synced_at: string | null;
}

export interface LeadAuditEntry {
  id: number;
  created_at: string;
  old_status: string | null;
  new_status: string | null;
  source: AuditSource;
  reason: string | null;
  operation_id: string | null;
  /** The operation's kind (fix, recycle, map, undo...), when the change belongs to one. */
  operation_kind: string | null;
  changed_by: string | null;
}

export interface LeadHopperRow {
  campaign_id: number;
  state: 'queued' | 'dialing';
  priority: number;
  added_at: string;
  claimed_at: string | null;
}

/** A callback of the lead (docs/domain.md "Callbacks"); empty until callbacks exist in this build. */
export interface LeadCallback {
  id: number;
  due_at: string;
  scope: 'anyone' | 'agent';
  agent: string | null;
  state: 'pending' | 'done' | 'cancelled';
  note: string | null;
  created_at: string;
}

/** The hopper's one eligibility definition, for this lead alone, at `now`. */
export interface LeadEligibility {
  now: string;
  eligible: boolean;
  /** The first rule that excludes the lead (as `hopper explain` counts it), or null. */
  rule: ExclusionRule | null;
  /** When it next becomes eligible with nobody acting; null when eligible now or never on its own. */
  next_eligible_at: string | null;
  /** Every rule that excludes it now, in explain's order (the first is `rule`). */
  all_rules: ExclusionRule[];
}

export interface LeadStory {
  lead: LeadRecord;
  calls: LeadCall[];
  audit: LeadAuditEntry[];
  hopper: LeadHopperRow | null;
  callbacks: LeadCallback[];
  phone_on_dnc: boolean;
  eligibility: LeadEligibility;
}

export interface SetStatusRequest {
  leadId: number;
  status: Status;
  reason: string;
  /** Needed to move a lead out of a final status other than dnc (which never moves). */
  overrideFinal?: boolean;
}

export interface ManualActionResult {
  lead_id: number;
  action: 'set_status' | 'reset_attempts' | 'add_phone_to_dnc' | 'schedule_callback';
  old_status: string | null;
  new_status: string | null;
  /** The lead's hopper row went (it is no longer eligible for a reason other than timing). */
  removed_from_hopper: boolean;
  changed_by: string;
  /** The callback a `schedule_callback` wrote. */
  callback_id?: number;
}

/** A callback scheduled from the lead's screen: anyone's, or `agent`'s; the reason goes into the audit. */
export interface LeadCallbackRequest {
  leadId: number;
  /** ISO-8601. */
  dueAt: string;
  agent?: string | null;
  note?: string | null;
  reason: string;
}

export interface MapStatusRequest {
  /** The stored word (matched trimmed, case ignored). */
  from: string;
  to: Status;
  /** One list, or every list when absent. */
  listId?: number;
  saveAlias?: boolean;
  dryRun?: boolean;
}

export interface MapStatusResult {
  from: string;
  to: Status;
  list_id: number | null;
  /** Leads moved (or, in a dry run, that would move). */
  changed: number;
  /** The stored spellings that matched, with their counts. */
  words: { status: string; count: number }[];
  operation_id: string | null;
  alias_saved: boolean;
  dry_run: boolean;
}

export interface StatusAlias {
  word: string;
  status: Status;
  built_in: boolean;
  created_at: string | null;
  created_by: string | null;
}
