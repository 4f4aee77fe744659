// Callbacks as the console and the CLI list them (domain.md "Callbacks").

export type CallbackScope = 'anyone' | 'agent';
export type CallbackState = 'pending' | 'done' | 'cancelled';

/**
 * Where a pending callback stands at the list's `now`: `overdue` (due more than
 * OVERDUE_AFTER_MINUTES ago), `due` (due, within that), `later_today` (due later on the
 * campaign's local day), `later`. Closed callbacks have their state instead.
 */
export type CallbackTiming = 'overdue' | 'due' | 'later_today' | 'later' | 'closed';

export const OVERDUE_AFTER_MINUTES = 60;

export interface CallbackRow {
  id: number;
  lead_id: number;
  campaign_id: number;
  list_id: number;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  lead_status: string | null;
  due_at: string;
  scope: CallbackScope;
  agent: string | null;
  state: CallbackState;
  note: string | null;
  created_at: string;
  timing: CallbackTiming;
}

export interface CallbackFilter {
  campaignId?: number;
  /** Only pending callbacks that are due now (overdue included). */
  due?: boolean;
  agent?: string;
  /** Default `pending`. */
  state?: CallbackState | 'all';
  limit?: number;
}

export interface NewCallback {
  lead_id: number;
  due_at: string;
  /** Given: an `agent` callback for that agent; omitted: `anyone`. */
  agent?: string | null;
  note?: string | null;
}
