// The lead status service: the entry point the CLI, the IPC handlers and the jobs call.
// It knows nothing of Electron; it takes a database handle and a clock.
import { canonicalIso, type Clock } from '../../db/time';
import { writeTransaction } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/phone-keys';
import { syncUnappliedCalls, type DroppedRequeue, type SyncOptions } from './call-applier';
import { recordCallInTransaction, type CallLogInput, type RecordedCall } from './record-call';
import { listBreakdown } from './breakdown';
import { findAndFixProblemLeads, type FixOptions } from './problem-fixer';
import { recyclableLeadIds, recyclableSummary } from './recyclable-leads';

export type { CallLogInput, RecordedCall };

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
    return writeTransaction(db, dialect, (trx) => recordCallInTransaction(trx, dialect, input, startedAt, this.clock(), this.requeueDropped));
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
