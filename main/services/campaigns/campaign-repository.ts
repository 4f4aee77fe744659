// Reading a campaign's settings, rules and lists, and writing the change history: the rows behind
// the campaign service (campaign-settings-service.ts).
import { FINAL_STATUSES } from '../../../shared/catalogue';
import { leadOrderOf } from '../../../shared/campaign/lead-orders';
import type { CampaignChange, CampaignDetail, CampaignField, CampaignSettings } from '../../../shared/types/campaign';
import { notFound } from '../../../shared/errors';
import type { Db } from '../../db/dialect';
import { toBool } from '../../db/schema';
import { parseRecyclableStatuses } from '../status/recyclable-leads';

export async function readCampaignDetail(db: Db, campaignId: number): Promise<CampaignDetail> {
  const c = await db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirst();
  if (!c) throw notFound(`Campaign ${campaignId}`);
  const settings: CampaignSettings = {
    id: c.id,
    name: c.name,
    active: toBool(c.active),
    retry_delay_minutes: c.retry_delay_minutes,
    dropped_retry_delay_minutes: c.dropped_retry_delay_minutes,
    max_dial_attempts: c.max_dial_attempts,
    hopper_target: c.hopper_target,
    recyclable_statuses: parseRecyclableStatuses(c.recyclable_statuses),
    call_window_start: c.call_window_start,
    call_window_end: c.call_window_end,
    timezone: c.timezone,
    lead_order: leadOrderOf(c.lead_order),
    new_every: c.new_every,
    agent_callback_minutes: c.agent_callback_minutes,
  };
  const rules = await db.selectFrom('campaign_recycle_rules').select(['status', 'delay_minutes', 'max_attempts']).where('campaign_id', '=', campaignId).orderBy('status').execute();
  const lists = await db.selectFrom('lead_lists').select(['id', 'name', 'active']).where('campaign_id', '=', campaignId).orderBy('id').execute();
  return {
    settings,
    // A rule applies only to a status the campaign recycles (domain.md): the editor says so.
    recycle_rules: rules.map((r) => ({ ...r, applies: r.status !== 'new' && settings.recyclable_statuses.includes(r.status) && !(FINAL_STATUSES as readonly string[]).includes(r.status) })),
    lists: lists.map((l) => ({ id: l.id, name: l.name, active: toBool(l.active) })),
  };
}

/** A setting as the history stores it: text, lists comma-joined. */
export function settingText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** The value as the `campaigns` column stores it. */
export function columnValue(field: CampaignField, value: unknown, bool: (v: boolean) => number | boolean): unknown {
  if (field === 'active') return bool(value as boolean);
  if (field === 'recyclable_statuses') return (value as string[]).join(',');
  return value;
}

export interface ChangeRow {
  campaign_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

export async function insertChanges(db: Db, rows: readonly ChangeRow[], changedAt: string, changedBy: string): Promise<CampaignChange[]> {
  if (rows.length === 0) return [];
  const written = await db
    .insertInto('campaign_changes')
    .values(rows.map((r) => ({ ...r, changed_at: changedAt, changed_by: changedBy })))
    .returningAll()
    .execute();
  return written.map(changeOf);
}

export async function readChanges(db: Db, campaignId: number, limit: number): Promise<CampaignChange[]> {
  const rows = await db.selectFrom('campaign_changes').selectAll().where('campaign_id', '=', campaignId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(changeOf);
}

function changeOf(r: { id: number; campaign_id: number; field: string; old_value: string | null; new_value: string | null; changed_at: string; changed_by: string }): CampaignChange {
  return { id: Number(r.id), campaign_id: r.campaign_id, field: r.field, old_value: r.old_value, new_value: r.new_value, changed_at: new Date(r.changed_at).toISOString(), changed_by: r.changed_by };
}
