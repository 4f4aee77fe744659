// Everything the eligibility rules need to know about one campaign at one instant, computed once
// in JavaScript (cut-off times, open timezones) so that the SQL only compares values.
import { sql, type Selectable } from 'kysely';
import { FINAL_STATUSES, type Status } from '../../../shared/catalogue';
import { notFound } from '../../../shared/errors';
import type { Db, Dialect } from '../../db/dialect';
import { preparedQuery } from '../../db/query/prepared-query';
import { toBool, type CampaignsTable } from '../../db/schema';
import { parseRecyclableStatuses } from '../status/recyclable-leads';
import { formatMinutes, isValidTimezone, localMinutes, nextOpening, parseWindow, insideWindow, type CallWindow } from './calling-window';
import { leadOrderOf, type LeadOrder } from '../../../shared/campaign/lead-orders';
import { parseStoredRules, recycleRulesColumn, type RecycleRuleOfStatus } from './recycle-rules-context';

export interface TimezoneState {
  timezone: string;
  valid: boolean;
  open: boolean;
  /** Local `HH:MM` now, null for an invalid timezone. */
  local_time: string | null;
  /** When the window next opens (now when it is open), null when it never does. */
  next_open_at: string | null;
}

export interface CampaignContext {
  campaignId: number;
  campaignActive: boolean;
  hopperTarget: number;
  listIds: number[];
  activeListIds: number[];
  inactiveListIds: number[];
  /** `new` and the campaign's recyclable statuses; never a final status (dnc is absorbing). */
  dialable: Status[];
  maxAttempts: number;
  retryDelayMinutes: number;
  droppedRetryDelayMinutes: number;
  /** A lead dialed at or before this may be dialed again (ISO). */
  retryCutoff: string;
  droppedCutoff: string;
  /** Recycle rules of dialable statuses (a rule for another status changes nothing), by status. */
  recycleRules: ReadonlyMap<Status, RecycleRuleOfStatus>;
  leadOrder: LeadOrder;
  /** 0: off; 2–6: every Nth lead of a fill is `new` while both kinds remain. */
  newEvery: number;
  /** An `anyone` callback due at or before this is due (ISO, now). */
  callbackDueCutoff: string;
  /** An `agent` callback due at or before this has gone to anyone (ISO), null when it never does. */
  agentHandoverCutoff: string | null;
  campaignTimezone: string;
  window: CallWindow | null;
  windowText: { start: string; end: string };
  timezones: TimezoneState[];
  openTimezones: string[];
  now: Date;
  /** How counts of the campaign's leads read its lists (Dialect.campaignLists). */
  countLists: Dialect['campaignLists'];
}

/** A campaign with one of its lists; one row with a NULL list when it has none. */
export type CampaignListRow = Selectable<CampaignsTable> & { list_id: number | null; list_active: number | boolean | null; recycle_rules: string | null };

/** The campaign and its lists in one round trip: one row per list, one with a NULL list when it has none. */
const readCampaignAndLists = preparedQuery<{ id: number }, CampaignListRow>((db, arg, dialect) =>
  db
    .selectFrom('campaigns')
    .leftJoin('lead_lists', 'lead_lists.campaign_id', 'campaigns.id')
    .selectAll('campaigns')
    .select(['lead_lists.id as list_id', 'lead_lists.active as list_active', recycleRulesColumn(dialect)])
    .where('campaigns.id', '=', arg('id'))
    .orderBy('lead_lists.id'),
);

/**
 * One lead's campaign with the lead's own list and timezone, one row: what the eligibility of that
 * lead alone depends on (a dial result's re-queue), read before the campaign is known.
 */
export const readCampaignOfLead = preparedQuery<{ leadId: number }, CampaignListRow & { lead_timezone: string | null }>((db, arg, dialect) =>
  db
    .selectFrom('leads')
    .innerJoin('lead_lists', 'lead_lists.id', 'leads.list_id')
    .innerJoin('campaigns', 'campaigns.id', 'lead_lists.campaign_id')
    .selectAll('campaigns')
    .select(['lead_lists.id as list_id', 'lead_lists.active as list_active', 'leads.timezone as lead_timezone', recycleRulesColumn(dialect)])
    .where('leads.id', '=', arg('leadId')),
);

/**
 * Loads a campaign's context. `candidateTimezones` are the lead timezones to evaluate; when
 * omitted, every distinct lead timezone in the database (a loose index scan: a few probes).
 */
export async function loadCampaignContext(db: Db, dialect: Dialect, campaignId: number, now: Date, candidateTimezones?: readonly (string | null)[]): Promise<CampaignContext> {
  // Compiled once: every fill, claim and dropped re-queue reads it (a named statement on PostgreSQL).
  const { rows } = await readCampaignAndLists(db, dialect, { id: campaignId });
  if (rows.length === 0) throw notFound(`Campaign ${campaignId}`);
  return campaignContextFrom(rows, now, candidateTimezones ?? (await distinctLeadTimezones(db)), dialect.campaignLists);
}

/**
 * The context from the campaign's rows (readCampaignAndLists), evaluating the given lead timezones.
 * `countLists`: the dialect's, where the context will count the campaign's leads (one lead's
 * context never does).
 */
export function campaignContextFrom(rows: readonly CampaignListRow[], now: Date, candidateTimezones: readonly (string | null)[], countLists: Dialect['campaignLists'] = 'each'): CampaignContext {
  const c = rows[0];
  const lists = rows.flatMap((r) => (r.list_id === null ? [] : [{ id: r.list_id, active: r.list_active! }]));
  const finals = new Set<Status>(FINAL_STATUSES);
  const dialable = [...new Set<Status>(['new', ...parseRecyclableStatuses(c.recyclable_statuses)])].filter((s) => !finals.has(s));
  const window = parseWindow(c.call_window_start, c.call_window_end);
  const zones = new Set<string>([c.timezone]);
  for (const tz of candidateTimezones) if (tz !== null && tz !== '') zones.add(tz);
  const timezones = [...zones].sort().map((tz) => timezoneState(tz, window, now));
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  const recycleRules = new Map(parseStoredRules(c.recycle_rules).filter((r) => r.status !== 'new' && dialable.includes(r.status)).map((r) => [r.status, { ...r, cutoff: minutesAgo(r.delayMinutes) }]));
  const handover = Number(c.agent_callback_minutes ?? 0);
  return {
    campaignId: c.id,
    campaignActive: toBool(c.active),
    hopperTarget: c.hopper_target,
    listIds: lists.map((l) => l.id),
    activeListIds: lists.filter((l) => toBool(l.active)).map((l) => l.id),
    inactiveListIds: lists.filter((l) => !toBool(l.active)).map((l) => l.id),
    dialable,
    maxAttempts: c.max_dial_attempts,
    retryDelayMinutes: c.retry_delay_minutes,
    droppedRetryDelayMinutes: c.dropped_retry_delay_minutes,
    retryCutoff: minutesAgo(c.retry_delay_minutes),
    droppedCutoff: minutesAgo(c.dropped_retry_delay_minutes),
    recycleRules,
    leadOrder: leadOrderOf(c.lead_order),
    newEvery: Number(c.new_every ?? 0),
    callbackDueCutoff: now.toISOString(),
    agentHandoverCutoff: handover > 0 ? minutesAgo(handover) : null,
    campaignTimezone: c.timezone,
    window,
    windowText: { start: c.call_window_start, end: c.call_window_end },
    timezones,
    openTimezones: timezones.filter((t) => t.open).map((t) => t.timezone),
    now,
    countLists,
  };
}

/** The retry cut-off of a status: its recycle rule's, else the campaign's (dropped: its own). */
export function retryCutoffOf(ctx: CampaignContext, status: Status): string {
  return ctx.recycleRules.get(status)?.cutoff ?? (status === 'dropped' ? ctx.droppedCutoff : ctx.retryCutoff);
}

export function timezoneState(timezone: string, window: CallWindow | null, now: Date): TimezoneState {
  const valid = isValidTimezone(timezone);
  const minutes = valid ? localMinutes(timezone, now) : null;
  const open = window !== null && minutes !== null && insideWindow(window, minutes);
  const next = open ? now : nextOpening(timezone, window, now);
  return {
    timezone,
    valid,
    open,
    local_time: minutes === null ? null : formatMinutes(minutes),
    next_open_at: next ? next.toISOString() : null,
  };
}

/**
 * Distinct non-NULL `leads.timezone` values, by a loose index scan over `leads_timezone`
 * (one probe per distinct value, not a scan of a million rows). Same SQL on both databases.
 */
export async function distinctLeadTimezones(db: Db): Promise<string[]> {
  const rows = await sql<{ tz: string | null }>`
    with recursive zones(tz) as (
      select min(timezone) from leads
      union all
      select (select min(l.timezone) from leads l where l.timezone > zones.tz) from zones where zones.tz is not null
    )
    select tz from zones where tz is not null`.execute(db);
  return rows.rows.map((r) => r.tz!).filter((tz) => tz !== '');
}
