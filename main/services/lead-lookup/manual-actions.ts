// A supervisor's actions on one lead (issue 17): set its status, reset its dial attempts, put its
// phone on the DNC list. Each is one write transaction that reads the lead (locked on
// PostgreSQL), checks the rules, writes the lead and one audit row (source `manual`, the reason,
// the OS user), and takes the lead out of the hopper when a rule other than timing now excludes
// it. A refusal changes nothing and says why.
import os from 'node:os';
import { sql } from 'kysely';
import { isFinal, readStatus, type Status } from '../../../shared/catalogue';
import { addNumbers, listedKeys } from '../dnc/dnc-writes';
import { normalisePhone } from '../../../shared/domain/phone';
import { ConsoleError, InputError, notFound } from '../../../shared/errors';
import type { LeadCallbackRequest, ManualActionResult, SetStatusRequest } from '../../../shared/types/leads';
import { writeTransaction, type Db, type Dialect } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { cancelCallbacksOfFinalLeads } from '../callbacks/callback-closing';
import { checkNewCallback, insertCallback } from '../callbacks/callbacks-service';
import { firstExclusion, NON_TIMING_RULES } from '../hopper/eligibility';
import { loadSavedAliases } from '../status-words/saved-aliases';
import { leadContext } from './lead-eligibility';

export const MAX_REASON = 500;

/** Who is acting: the workstation's OS user (the CLI's too). */
export function workstationUser(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function requireReason(reason: string | undefined): string {
  const text = (reason ?? '').trim();
  if (text === '') throw new InputError('A reason is required: it goes into the audit with your name.');
  if (text.length > MAX_REASON) throw new InputError(`A reason is at most ${MAX_REASON} characters (got ${text.length}).`);
  return text;
}

interface LockedLead {
  id: number;
  phone: string;
  status: string | null;
  dial_attempts: number;
}

async function lockLead(trx: Db, dialect: Dialect, leadId: number): Promise<LockedLead> {
  const lead = await dialect.forUpdate(trx.selectFrom('leads').select(['id', 'phone', 'status', 'dial_attempts']).where('id', '=', leadId)).executeTakeFirst();
  if (!lead) throw notFound(`Lead ${leadId}`);
  return lead;
}

const refuse = (message: string) => new ConsoleError('conflict', `${message} Nothing was changed.`);

async function audit(trx: Db, lead: LockedLead, newStatus: string | null, reason: string, user: string, nowIso: string): Promise<void> {
  await trx
    .insertInto('lead_status_audit')
    .values({ lead_id: lead.id, old_status: lead.status, new_status: newStatus, source: 'manual', operation_id: null, reason, created_at: nowIso, changed_by: user })
    .execute();
}

/** Removes the lead's hopper row when a rule that is not about timing excludes it now. */
async function leaveHopperIfIneligible(trx: Db, dialect: Dialect, leadId: number, now: Date): Promise<boolean> {
  const ctx = await leadContext(trx, dialect, leadId, now);
  if (!ctx) return false;
  const row = await trx.selectFrom('leads').select(firstExclusion(ctx, NON_TIMING_RULES).as('rule')).where('leads.id', '=', leadId).executeTakeFirst();
  if (!row || row.rule === null) return false;
  const removed = await trx.deleteFrom('dialer_hopper').where('lead_id', '=', leadId).executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

export async function setLeadStatus(handle: DbHandle, clock: Clock, request: SetStatusRequest, user = workstationUser()): Promise<ManualActionResult> {
  const reason = requireReason(request.reason);
  const target: Status = request.status;
  const { db, dialect } = handle;
  const now = clock();
  return writeTransaction(db, dialect, async (trx) => {
    const lead = await lockLead(trx, dialect, request.leadId);
    const current = readStatus(lead.status, await loadSavedAliases(trx, dialect)).status;
    if (current === 'dnc') throw refuse(`Lead ${lead.id} is dnc (do not call): its status never changes.`);
    if (lead.status === target) throw refuse(`Lead ${lead.id} is already ${target}.`);
    if (isFinal(current) && !request.overrideFinal) {
      throw refuse(`Lead ${lead.id} has the final status ${current}: changing it needs the final-status override, with a reason.`);
    }
    const overridden = isFinal(current) && target !== 'dnc';
    await trx.updateTable('leads').set({ status: target, last_status_change: now.toISOString() }).where('id', '=', lead.id).execute();
    await audit(trx, lead, target, overridden ? `final status overridden: ${reason}` : reason, user, now.toISOString());
    // domain.md "Callbacks": a lead set to a final status cancels its pending callbacks.
    if (isFinal(target)) await cancelCallbacksOfFinalLeads(trx, dialect, [lead.id]);
    const removed = await leaveHopperIfIneligible(trx, dialect, lead.id, now);
    return { lead_id: lead.id, action: 'set_status', old_status: lead.status, new_status: target, removed_from_hopper: removed, changed_by: user };
  });
}

export async function resetLeadAttempts(handle: DbHandle, clock: Clock, leadId: number, reasonText: string, user = workstationUser()): Promise<ManualActionResult> {
  const reason = requireReason(reasonText);
  const { db, dialect } = handle;
  const now = clock();
  return writeTransaction(db, dialect, async (trx) => {
    const lead = await lockLead(trx, dialect, leadId);
    if (readStatus(lead.status, await loadSavedAliases(trx, dialect)).status === 'dnc') {
      throw refuse(`Lead ${lead.id} is dnc (do not call): it is never dialed again, so its attempts stay as they are.`);
    }
    if (lead.dial_attempts === 0) throw refuse(`Lead ${lead.id} has no dial attempts to reset.`);
    await trx.updateTable('leads').set({ dial_attempts: 0, attempts_reset_at: now.toISOString() }).where('id', '=', lead.id).execute();
    await audit(trx, lead, lead.status, `dial attempts reset (were ${lead.dial_attempts}): ${reason}`, user, now.toISOString());
    return { lead_id: lead.id, action: 'reset_attempts', old_status: lead.status, new_status: lead.status, removed_from_hopper: false, changed_by: user };
  });
}

/**
 * Puts the lead's phone on the DNC list. Every lead with that phone (normalised) leaves the hopper
 * at once; no lead's status changes (domain.md, DNC numbers).
 */
export async function addLeadPhoneToDnc(handle: DbHandle, clock: Clock, leadId: number, reasonText: string, user = workstationUser()): Promise<ManualActionResult> {
  const reason = requireReason(reasonText);
  const { db, dialect } = handle;
  const now = clock();
  return writeTransaction(db, dialect, async (trx) => {
    const lead = await lockLead(trx, dialect, leadId);
    const key = normalisePhone(lead.phone);
    if (key === '') throw refuse(`Lead ${lead.id} has no phone number to put on the DNC list.`);
    // The DNC list's own writes: the number, its dnc_changes row, every lead with it out of the hopper.
    if ((await listedKeys(trx, dialect, [key])).size > 0) throw refuse(`The phone of lead ${lead.id} (${lead.phone}) is already on the DNC list.`);
    await addNumbers(trx, dialect, [{ phone: lead.phone, key }], reason, user, now.toISOString());
    await audit(trx, lead, lead.status, `phone put on the DNC list: ${reason}`, user, now.toISOString());
    return { lead_id: lead.id, action: 'add_phone_to_dnc', old_status: lead.status, new_status: lead.status, removed_from_hopper: true, changed_by: user };
  });
}

/**
 * Schedules a callback for the lead (domain.md "Callbacks": anyone's, or one agent's), with an
 * audit row saying when and for whom, in one transaction. A final lead is refused (it is never
 * called again), and so is a lead whose phone is on the DNC list (the callback could never ring).
 */
export async function scheduleLeadCallback(handle: DbHandle, clock: Clock, request: LeadCallbackRequest, user = workstationUser()): Promise<ManualActionResult> {
  const reason = requireReason(request.reason);
  const checked = checkNewCallback({ due_at: request.dueAt, agent: request.agent, note: request.note });
  const { db, dialect } = handle;
  const now = clock();
  return writeTransaction(db, dialect, async (trx) => {
    const lead = await lockLead(trx, dialect, request.leadId);
    const key = normalisePhone(lead.phone);
    if (key !== '' && (await listedKeys(trx, dialect, [key])).size > 0) throw refuse(`The phone of lead ${lead.id} (${lead.phone}) is on the DNC list: a callback would never be dialed.`);
    const callbackId = await insertCallback(trx, lead, checked, now.toISOString());
    const whom = checked.agent === null ? 'anyone' : `agent ${checked.agent}`;
    await audit(trx, lead, lead.status, `callback scheduled for ${checked.due_at} (${whom}): ${reason}`, user, now.toISOString());
    return { lead_id: lead.id, action: 'schedule_callback', old_status: lead.status, new_status: lead.status, removed_from_hopper: false, changed_by: user, callback_id: callbackId };
  });
}
