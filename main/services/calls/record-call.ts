// One dial result from the dialer, on the shortest path the rules allow: the lead is read once
// (with its campaign and whether its phone is on the DNC list), the call is inserted already
// claimed, and the shared applier (call-applier.ts) writes the lead, the audit row and the
// hopper. A call_uuid seen before takes the general path (it may still be unapplied).
// Its SQL is in status-dialect.ts, compiled once: a dial result is the hottest path. This is the
// path of SQLite and of PostgreSQL's calls seen before; PostgreSQL's new calls go in two round
// trips per transaction (record-call-pipelined.ts), with the same rules.
import { InputError } from '../../../shared/errors';
import { normalisePhone } from '../../../shared/domain/phone';
import type { Db, Dialect } from '../../db/dialect';
import { toBool } from '../../db/schema';
import { canonicalIso } from '../../db/time';
import { applyCallsInTransaction, applyClaimedCalls, dncKeysFor, emptyCounts, type ApplyCounts, type DroppedRequeue } from './call-applier';
import { CALL_COLUMNS, type LeadRow } from '../leads/lead-tracking';
import { readLeadAndInsertCall, type CallInsert, type LeadForCall } from './status-dialect';

export interface CallLogInput {
  call_uuid: string;
  lead_id: number;
  campaign_id?: number | null;
  started_at: string;
  ended_at?: string | null;
  duration_seconds?: number | null;
  result?: string | null;
  hangup_cause?: string | number | null;
  agent?: string | null;
}

export interface RecordedCall extends ApplyCounts {
  call_uuid: string;
  /** False when this call_uuid had been applied before: nothing changed. */
  new_call: boolean;
  /** The lead's status after the call. */
  status: string | null;
}

/** The call_logs row of a dial result, inserted already applied (`now`). */
export function callInsertOf(input: CallLogInput, startedAt: string, now: Date): CallInsert {
  return {
    call_uuid: input.call_uuid,
    lead_id: input.lead_id,
    campaign_id: input.campaign_id ?? null,
    started_at: startedAt,
    ended_at: input.ended_at ? canonicalIso(input.ended_at) : null,
    duration_seconds: input.duration_seconds ?? null,
    result: input.result ?? null,
    hangup_cause: input.hangup_cause === null || input.hangup_cause === undefined ? null : String(input.hangup_cause),
    agent: input.agent ?? null,
    lead_synced_at: now.toISOString(),
  };
}

export function leadNotFound(leadId: number): InputError {
  return new InputError(`Lead ${leadId} does not exist.`, 'not_found');
}

/** What recordCall answers, from the lead as read and what applying the call did. */
export function recordedCall(input: CallLogInput, lead: LeadRow, newCall: boolean, counts: ApplyCounts): RecordedCall {
  const status = counts.statusAfter.has(lead.id) ? (counts.statusAfter.get(lead.id) ?? null) : lead.status;
  return { call_uuid: input.call_uuid, new_call: newCall, status, ...counts };
}

/** Records and applies one call inside the open write transaction. `startedAt` is canonical ISO. */
export async function recordCallInTransaction(
  trx: Db,
  dialect: Dialect,
  input: CallLogInput,
  startedAt: string,
  now: Date,
  requeueDropped?: DroppedRequeue,
): Promise<RecordedCall> {
  // Inserted already claimed: this transaction applies it below, so nobody else may.
  const { lead, inserted } = await readLeadAndInsertCall(trx, dialect, callInsertOf(input, startedAt, now));
  if (!lead) throw leadNotFound(input.lead_id);
  let counts: ApplyCounts;
  if (inserted) {
    counts = await applyClaimedCalls(trx, dialect, { leads: new Map([[lead.id, lead]]), calls: [inserted], dncPhones: await dncPhonesOf(trx, dialect, lead) }, now, 'call', requeueDropped);
  } else {
    const call = await trx.selectFrom('call_logs').select(CALL_COLUMNS).where('call_uuid', '=', input.call_uuid).executeTakeFirstOrThrow();
    if (call.lead_id !== input.lead_id) {
      throw new InputError(`Call ${input.call_uuid} was already recorded for lead ${call.lead_id}, not lead ${input.lead_id}.`, 'conflict');
    }
    // Recorded before but never applied (e.g. the dialer wrote it straight into call_logs).
    counts = call.lead_synced_at === null ? await applyCallsInTransaction(trx, dialect, [call], now, 'call', requeueDropped) : emptyCounts();
  }
  return recordedCall(input, lead, inserted !== undefined, counts);
}

/** The lead's phone key when it is on the DNC list (as dncKeysFor reports it for a batch). */
async function dncPhonesOf(trx: Db, dialect: Dialect, lead: LeadForCall): Promise<Set<string>> {
  // A lead written by another process since the keys were filled has no key yet (SQLite only).
  if (lead.phone_key === null) return dncKeysFor(trx, dialect, [lead]);
  return dncPhonesRead(lead);
}

/** The lead's DNC match as the read found it (its phone key filled). */
export function dncPhonesRead(lead: LeadForCall): Set<string> {
  const key = normalisePhone(lead.phone);
  return toBool(lead.on_dnc) && key !== '' ? new Set([key]) : new Set();
}
