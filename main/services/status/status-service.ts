// The lead status service: the entry point the CLI, the IPC handlers and the jobs call.
// It knows nothing of Electron; it takes a database handle and a clock.
import { canonicalIso, type Clock } from '../../db/time';
import { writeTransaction } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/phone-keys';
import { InputError } from '../../../shared/errors';
import { applyCallsInTransaction, emptyCounts, syncUnappliedCalls, type ApplyCounts, type DroppedRequeue, type SyncOptions } from './call-applier';
import { listBreakdown } from './breakdown';
import { findAndFixProblemLeads, type FixOptions } from './problem-fixer';
import { recyclableLeadIds, recyclableSummary } from './recyclable-leads';

const CALL_COLUMNS = ['id', 'call_uuid', 'lead_id', 'started_at', 'result', 'hangup_cause', 'lead_synced_at'] as const;

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

export class StatusService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
    private readonly requeueDropped?: DroppedRequeue,
  ) {}

  /**
   * Records one call (when its call_uuid is new) and applies it to its lead, in one transaction.
   * Idempotent per call_uuid: a call reported twice counts once.
   */
  async recordCall(input: CallLogInput): Promise<RecordedCall> {
    const { db, dialect } = this.handle;
    const startedAt = canonicalIso(input.started_at);
    // Current keys: the compliance check reads DNC keys, a dropped lead's re-queue the lead's.
    await ensurePhoneKeys(db, dialect);
    return writeTransaction(db, dialect, async (trx) => {
      const lead = await trx
        .selectFrom('leads')
        .innerJoin('lead_lists', 'lead_lists.id', 'leads.list_id')
        .select(['leads.id', 'leads.status', 'lead_lists.campaign_id'])
        .where('leads.id', '=', input.lead_id)
        .executeTakeFirst();
      if (!lead) throw new InputError(`Lead ${input.lead_id} does not exist.`, 'not_found');
      // The new row comes back whole: only a call_uuid seen before needs a second read.
      const inserted = await trx
        .insertInto('call_logs')
        .values({
          call_uuid: input.call_uuid,
          lead_id: input.lead_id,
          campaign_id: input.campaign_id ?? lead.campaign_id,
          started_at: startedAt,
          ended_at: input.ended_at ? canonicalIso(input.ended_at) : null,
          duration_seconds: input.duration_seconds ?? null,
          result: input.result ?? null,
          hangup_cause: input.hangup_cause === null || input.hangup_cause === undefined ? null : String(input.hangup_cause),
          agent: input.agent ?? null,
          lead_synced_at: null,
        })
        .onConflict((oc) => oc.column('call_uuid').doNothing())
        .returning(CALL_COLUMNS)
        .executeTakeFirst();
      const call =
        inserted ??
        (await trx.selectFrom('call_logs').select(CALL_COLUMNS).where('call_uuid', '=', input.call_uuid).executeTakeFirstOrThrow());
      if (call.lead_id !== input.lead_id) {
        throw new InputError(`Call ${input.call_uuid} was already recorded for lead ${call.lead_id}, not lead ${input.lead_id}.`, 'conflict');
      }
      const counts =
        call.lead_synced_at === null
          ? await applyCallsInTransaction(trx, dialect, [call], this.clock(), 'call', this.requeueDropped)
          : emptyCounts();
      const status = counts.statusAfter.has(lead.id) ? (counts.statusAfter.get(lead.id) ?? null) : lead.status;
      return { call_uuid: input.call_uuid, new_call: inserted !== undefined, status, ...counts };
    });
  }

  syncCalls(options: Omit<SyncOptions, 'requeueDropped'> = {}) {
    return syncUnappliedCalls(this.handle, this.clock, { ...options, requeueDropped: this.requeueDropped });
  }

  findAndFix(options: FixOptions) {
    return findAndFixProblemLeads(this.handle, this.clock, options);
  }

  breakdown(listId: number) {
    return listBreakdown(this.handle.db, listId);
  }

  recyclable(campaignId: number) {
    return recyclableSummary(this.handle.db, campaignId);
  }

  recyclableLeadIds(campaignId: number, afterId = 0, limit = 1000) {
    return recyclableLeadIds(this.handle.db, campaignId, afterId, limit);
  }
}
