// The Kysely table map. Timestamps are ISO-8601 UTC strings on both databases (the pg
// driver is told to return timestamptz as such, see postgres/open-postgres.ts). Booleans are 0/1 on
// SQLite and true/false on PostgreSQL: read them with `toBool`, write them with `dialect.bool`.
import type { ColumnType, Generated } from 'kysely';
import type { OperationKind, OperationState } from '../../shared/types/operations';

type Bool = ColumnType<number | boolean, number | boolean | undefined, number | boolean>;
/** ISO-8601 UTC timestamp, e.g. 2026-11-24T10:00:00.000Z. */
export type Timestamp = string;
type DefaultedTimestamp = ColumnType<Timestamp, Timestamp | undefined, Timestamp>;

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  active: Bool;
  retry_delay_minutes: ColumnType<number, number | undefined, number>;
  dropped_retry_delay_minutes: ColumnType<number, number | undefined, number>;
  max_dial_attempts: ColumnType<number, number | undefined, number>;
  hopper_target: ColumnType<number, number | undefined, number>;
  /** Comma-separated catalogue words. */
  recyclable_statuses: ColumnType<string, string | undefined, string>;
  call_window_start: ColumnType<string, string | undefined, string>;
  call_window_end: ColumnType<string, string | undefined, string>;
  timezone: ColumnType<string, string | undefined, string>;
  /** One of LEAD_ORDERS (shared/campaign/lead-orders.ts). */
  lead_order: ColumnType<string, string | undefined, string>;
  /** 0 (off) or 2–6: every Nth lead of a fill is a `new` one. */
  new_every: ColumnType<number, number | undefined, number>;
  /** 0: agent callbacks never go to anyone; else minutes after `due_at` when they do. */
  agent_callback_minutes: ColumnType<number, number | undefined, number>;
  created_at: DefaultedTimestamp;
}

/** A status's own retry delay and attempt cap in one campaign (domain.md, second part). */
export interface CampaignRecycleRulesTable {
  id: Generated<number>;
  campaign_id: number;
  status: string;
  delay_minutes: number;
  max_attempts: number;
}

/** One changed field of a campaign, a recycle rule or a list (who, when, before, after). */
export interface CampaignChangesTable {
  id: Generated<number>;
  campaign_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  changed_at: DefaultedTimestamp;
  changed_by: ColumnType<string, string | undefined, string>;
}

export interface CallbacksTable {
  id: Generated<number>;
  lead_id: number;
  due_at: Timestamp;
  scope: ColumnType<'anyone' | 'agent', 'anyone' | 'agent' | undefined, 'anyone' | 'agent'>;
  agent: string | null;
  state: ColumnType<'pending' | 'done' | 'cancelled', 'pending' | 'done' | 'cancelled' | undefined, 'pending' | 'done' | 'cancelled'>;
  note: string | null;
  created_at: DefaultedTimestamp;
}

export interface LeadListsTable {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  active: Bool;
  created_at: DefaultedTimestamp;
}

export interface LeadsTable {
  id: Generated<number>;
  list_id: number;
  phone: string;
  /** Normalised phone (digits, leading +): kept by the database on PostgreSQL, by the app on SQLite. */
  phone_key: ColumnType<string | null, never, never>;
  first_name: string | null;
  last_name: string | null;
  timezone: string | null;
  status: string | null;
  dial_attempts: ColumnType<number, number | undefined, number>;
  answered_count: ColumnType<number, number | undefined, number>;
  last_dial_attempt: Timestamp | null;
  dial_result: string | null;
  last_status_change: Timestamp | null;
  attempts_reset_at: Timestamp | null;
  created_at: DefaultedTimestamp;
}

export interface CallLogsTable {
  id: Generated<number>;
  call_uuid: string;
  lead_id: number;
  campaign_id: number | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  duration_seconds: number | null;
  result: string | null;
  hangup_cause: string | null;
  agent: string | null;
  lead_synced_at: Timestamp | null;
}

export interface DialerHopperTable {
  id: Generated<number>;
  campaign_id: number;
  lead_id: number;
  state: ColumnType<'queued' | 'dialing', 'queued' | 'dialing' | undefined, 'queued' | 'dialing'>;
  priority: ColumnType<number, number | undefined, number>;
  added_at: DefaultedTimestamp;
  claimed_at: Timestamp | null;
}

export interface DncNumbersTable {
  phone: string;
  phone_key: ColumnType<string | null, never, never>;
  added_at: DefaultedTimestamp;
}

export interface LeadStatusAuditTable {
  id: Generated<number>;
  lead_id: number;
  old_status: string | null;
  new_status: string | null;
  source: 'call' | 'sync' | 'fix' | 'recycle' | 'reconcile' | 'undo' | 'manual' | 'import';
  operation_id: string | null;
  reason: string | null;
  created_at: DefaultedTimestamp;
  /** Who made a manual change (the OS user); NULL for calls, fixes and the rest. */
  changed_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A word a person mapped to a catalogue status (docs/domain.md "Status words a person resolves"). */
export interface StatusAliasesTable {
  /** Trimmed, lower case. */
  word: string;
  status: string;
  created_at: DefaultedTimestamp;
  created_by: string | null;
}

/** A recorded call to a `dnc` lead or a DNC phone (docs/domain.md "Applying a call to its lead", rule 5). */
export interface ComplianceIncidentsTable {
  id: Generated<number>;
  lead_id: number;
  call_uuid: string;
  phone: string | null;
  reason: 'dnc_status' | 'dnc_phone';
  created_at: DefaultedTimestamp;
}

/** One fix, recycle, reconcile or undo run: what it did, so that it can be shown and undone. */
export interface OperationsTable {
  id: string;
  kind: OperationKind;
  list_id: number | null;
  campaign_id: number | null;
  state: OperationState;
  /** JSON: the request (statuses, target, reset...). */
  params: string | null;
  /** JSON: the outcome counts. */
  summary: string | null;
  undoes: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

/** Before and after values of every lead an undoable operation changed. */
export interface OperationLeadsTable {
  operation_id: string;
  lead_id: number;
  old_status: string | null;
  new_status: string | null;
  old_dial_attempts: number;
  new_dial_attempts: number;
  old_attempts_reset_at: Timestamp | null;
  new_attempts_reset_at: Timestamp | null;
  old_last_status_change: Timestamp | null;
  new_last_status_change: Timestamp | null;
  /** 1 when the row also records the dialing columns below (a fix); 0 for a recycle. */
  tracks_dialing: ColumnType<number, number | undefined, number>;
  old_answered_count: ColumnType<number | null, number | null | undefined, number | null>;
  new_answered_count: ColumnType<number | null, number | null | undefined, number | null>;
  old_last_dial_attempt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  new_last_dial_attempt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  old_dial_result: ColumnType<string | null, string | null | undefined, string | null>;
  new_dial_result: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One change of the DNC list (docs/domain.md: add, remove with a reason, import). */
export interface DncChangesTable {
  id: Generated<number>;
  phone: string;
  action: 'add' | 'remove';
  reason: string | null;
  changed_at: DefaultedTimestamp;
  changed_by: ColumnType<string, string | undefined, string>;
}

/** Per-job settings shared by every console on the database (no row: the defaults). */
export interface JobSettingsTable {
  job: string;
  enabled: Bool;
  /** A five-field cron expression. */
  schedule: string;
  updated_at: DefaultedTimestamp;
  updated_by: string | null;
}

/** The one holder of a job at a time; taken over once `expires_at` has passed. */
export interface JobLeasesTable {
  job: string;
  holder: string;
  run_id: number | null;
  acquired_at: Timestamp;
  expires_at: Timestamp;
}

/** One run of a job: a scheduled tick (unique per job and tick) or a "run now". */
export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  scheduled_at: Timestamp | null;
  source: ColumnType<'schedule' | 'manual', 'schedule' | 'manual' | undefined, 'schedule' | 'manual'>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  outcome: 'running' | 'ok' | 'failed' | 'skipped';
  /** JSON object of counts (queued, fixed, synced, removed...). */
  counts: ColumnType<string, string | undefined, string>;
  error: string | null;
  runner: string;
}

export interface Database {
  campaigns: CampaignsTable;
  lead_lists: LeadListsTable;
  leads: LeadsTable;
  call_logs: CallLogsTable;
  dialer_hopper: DialerHopperTable;
  dnc_numbers: DncNumbersTable;
  lead_status_audit: LeadStatusAuditTable;
  compliance_incidents: ComplianceIncidentsTable;
  operations: OperationsTable;
  operation_leads: OperationLeadsTable;
  job_settings: JobSettingsTable;
  job_leases: JobLeasesTable;
  job_runs: JobRunsTable;
  status_aliases: StatusAliasesTable;
  dnc_changes: DncChangesTable;
  campaign_recycle_rules: CampaignRecycleRulesTable;
  campaign_changes: CampaignChangesTable;
  callbacks: CallbacksTable;
}

export function toBool(value: number | boolean | null | undefined): boolean {
  return value === true || value === 1;
}
