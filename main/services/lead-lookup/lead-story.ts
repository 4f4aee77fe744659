// One lead's whole story (issue 17): its fields, its calls newest first (classified as the rules
// classify them, saved aliases included), its status changes with source, reason and operation,
// its hopper row, its callbacks, whether its phone is on the DNC list, and its eligibility now.
import { classifyCallResult } from '../../../shared/catalogue';
import { normalisePhone } from '../../../shared/domain/phone';
import { notFound } from '../../../shared/errors';
import type { LeadAuditEntry, LeadCall, LeadHopperRow, LeadRecord, LeadStory } from '../../../shared/types/leads';
import type { Db, Dialect } from '../../db/dialect';
import { toBool } from '../../db/schema';
import { loadSavedAliases } from '../status-words/saved-aliases';
import { leadCallbacks } from './lead-callbacks';
import { leadEligibility } from './lead-eligibility';
import { leadsWithCampaign } from './lead-rows';
import { STORY_MAX_ROWS } from './story-limits';


export async function readLeadRecord(db: Db, leadId: number): Promise<LeadRecord> {
  const row = await leadsWithCampaign(db)
    .select(['lead_lists.active as list_active', 'campaigns.active as campaign_active', 'leads.timezone'])
    .where('leads.id', '=', leadId)
    .executeTakeFirst();
  if (!row) throw notFound(`Lead ${leadId}`);
  return { ...row, list_active: toBool(row.list_active), campaign_active: toBool(row.campaign_active) };
}

async function readCalls(db: Db, dialect: Dialect, leadId: number): Promise<LeadCall[]> {
  const saved = await loadSavedAliases(db, dialect);
  const rows = await db
    .selectFrom('call_logs')
    .select(['id', 'call_uuid', 'started_at', 'ended_at', 'duration_seconds', 'result', 'hangup_cause', 'agent', 'lead_synced_at'])
    .where('lead_id', '=', leadId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(STORY_MAX_ROWS)
    .execute();
  return rows.map((r) => ({ ...r, classified: classifyCallResult(r.result, r.hangup_cause, saved) }));
}

async function readAudit(db: Db, leadId: number): Promise<LeadAuditEntry[]> {
  return db
    .selectFrom('lead_status_audit as a')
    .leftJoin('operations as o', 'o.id', 'a.operation_id')
    .select(['a.id', 'a.created_at', 'a.old_status', 'a.new_status', 'a.source', 'a.reason', 'a.operation_id', 'o.kind as operation_kind', 'a.changed_by'])
    .where('a.lead_id', '=', leadId)
    .orderBy('a.id', 'desc')
    .limit(STORY_MAX_ROWS)
    .execute();
}

async function readHopper(db: Db, leadId: number): Promise<LeadHopperRow | null> {
  const row = await db.selectFrom('dialer_hopper').select(['campaign_id', 'state', 'priority', 'added_at', 'claimed_at']).where('lead_id', '=', leadId).executeTakeFirst();
  return row ?? null;
}

/** The lead's phone, normalised, is on the DNC list. */
export async function phoneOnDnc(db: Db, phone: string): Promise<boolean> {
  const key = normalisePhone(phone);
  if (key === '') return false;
  return (await db.selectFrom('dnc_numbers').select('phone').where('phone_key', '=', key).limit(1).executeTakeFirst()) !== undefined;
}

export async function leadStory(db: Db, dialect: Dialect, leadId: number, now: Date): Promise<LeadStory> {
  const lead = await readLeadRecord(db, leadId);
  return {
    lead,
    calls: await readCalls(db, dialect, leadId),
    audit: await readAudit(db, leadId),
    hopper: await readHopper(db, leadId),
    callbacks: await leadCallbacks(db, leadId),
    phone_on_dnc: await phoneOnDnc(db, lead.phone),
    eligibility: await leadEligibility(db, dialect, leadId, now),
  };
}
