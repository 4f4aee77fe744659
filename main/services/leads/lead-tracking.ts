import type { Timestamp } from '../../db/schema';

/** The columns of a lead that calls and fixes change. */
export interface LeadTracking {
  status: string | null;
  dial_attempts: number;
  answered_count: number;
  last_dial_attempt: Timestamp | null;
  dial_result: string | null;
  last_status_change: Timestamp | null;
}

export interface LeadRow extends LeadTracking {
  id: number;
  list_id: number;
  phone: string;
  attempts_reset_at: Timestamp | null;
}

export interface CallRow {
  id: number;
  call_uuid: string;
  lead_id: number;
  started_at: Timestamp;
  result: string | null;
  hangup_cause: string | null;
  lead_synced_at: Timestamp | null;
}

/** The columns of a call log that applying it reads (CallRow). */
export const CALL_COLUMNS = ['id', 'call_uuid', 'lead_id', 'started_at', 'result', 'hangup_cause', 'lead_synced_at'] as const satisfies readonly (keyof CallRow)[];

export const TRACKING_FIELDS = [
  'status',
  'dial_attempts',
  'answered_count',
  'last_dial_attempt',
  'dial_result',
  'last_status_change',
] as const satisfies readonly (keyof LeadTracking)[];

export function trackingOf(lead: LeadTracking): LeadTracking {
  return {
    status: lead.status,
    dial_attempts: lead.dial_attempts,
    answered_count: lead.answered_count,
    last_dial_attempt: lead.last_dial_attempt,
    dial_result: lead.dial_result,
    last_status_change: lead.last_status_change,
  };
}

/** The tracking columns that differ between two states (what an UPDATE needs to set). */
export function changedTracking(before: LeadTracking, after: LeadTracking): Partial<LeadTracking> {
  const changes: Partial<LeadTracking> = {};
  for (const field of TRACKING_FIELDS) {
    if (before[field] !== after[field]) (changes as Record<string, unknown>)[field] = after[field];
  }
  return changes;
}
