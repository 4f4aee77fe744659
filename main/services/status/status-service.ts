// The lead status service: the entry point the CLI, the IPC handlers and the jobs call.
// It knows nothing of Electron; it takes a database handle and a clock.
import { canonicalIso, type Clock } from '../../db/time';
import { writeTransaction } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import { forShortAskedRead } from '../../db/query/long-work';
import { countUnapplied, syncUnappliedCalls, type DroppedRequeue, type SyncOptions } from '../calls/call-applier';
import type { ReconcilePreview } from '../../../shared/types/status';
import { recordCallInTransaction, type CallLogInput, type RecordedCall } from '../calls/record-call';
import { recordCallsPipelined, type DialInput } from '../calls/record-call-pipelined';
import { DialBatcher } from '../calls/dial-batcher';
import { dialWritesOf, type DialWrites } from '../calls/status-dialect';
import { listBreakdown } from './breakdown';
import { withCountingPlan } from '../hopper/hopper-dialect';
import { loadSavedAliases } from '../status-words/saved-aliases';
import { findAndFixProblemLeads, type FixOptions } from '../problems/problem-fixer';
import { recyclableLeadIds, recyclableSummary } from './recyclable-leads';

export type { CallLogInput, RecordedCall };

const MAX_DIALS_PER_BATCH = 64;

export class StatusService {
  private readonly dials: DialBatcher<DialInput, RecordedCall>;
  private readonly writes: DialWrites;

  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
    private readonly requeueDropped?: DroppedRequeue,
  ) {
    this.writes = dialWritesOf(handle);
    this.dials = new DialBatcher((batch) => this.writeDials(batch), {
      maxInFlight: this.writes.inFlight,
      maxBatch: MAX_DIALS_PER_BATCH,
      keyOf: (d) => d.input.lead_id,
    });
  }

  /**
   * Records one call (when its call_uuid is new) and applies it to its lead, in one transaction
   * (shared with the dial results that arrived meanwhile: dial-batcher.ts).
   * Idempotent per call_uuid: a call reported twice counts once.
   */
  async recordCall(input: CallLogInput): Promise<RecordedCall> {
    return this.dials.submit({ input, startedAt: canonicalIso(input.started_at) });
  }

  /** One batch in one transaction. A batch that fails goes again call by call: one bad call fails alone. */
  private async writeDials(batch: DialInput[]): Promise<PromiseSettledResult<RecordedCall>[]> {
    const { db, dialect } = this.handle;
    const now = this.clock();
    let outcomes: (RecordedCall | undefined | Error)[];
    try {
      if (this.writes.pipelined) {
        outcomes = await recordCallsPipelined(this.handle, this.writes.pipelined, batch, now, this.requeueDropped);
      } else {
        // Current keys: the compliance check reads DNC keys, a dropped lead's re-queue the lead's.
        await ensurePhoneKeys(db, dialect);
        outcomes = await writeTransaction(db, dialect, async (trx) => {
          const recorded: RecordedCall[] = [];
          for (const d of batch) recorded.push(await recordCallInTransaction(trx, dialect, d.input, d.startedAt, now, this.requeueDropped));
          return recorded;
        });
      }
    } catch (error) {
      if (batch.length === 1) return [{ status: 'rejected', reason: error }];
      return (await Promise.all(batch.map((d) => this.writeDials([d])))).flat();
    }
    // A call_uuid seen before: the general path, which applies it if it never was.
    return Promise.allSettled(
      outcomes.map(async (o, i) => {
        if (o instanceof Error) throw o;
        return o ?? writeTransaction(db, dialect, (trx) => recordCallInTransaction(trx, dialect, batch[i].input, batch[i].startedAt, now, this.requeueDropped));
      }),
    );
  }

  syncCalls(options: Omit<SyncOptions, 'requeueDropped'> = {}) {
    return syncUnappliedCalls(this.handle, this.clock, { ...options, requeueDropped: this.requeueDropped });
  }

  findAndFix(options: FixOptions) {
    return findAndFixProblemLeads(this.handle, this.clock, options);
  }

  /**
   * What the reconcile job would do if run now, for its confirmation: the unapplied calls it
   * applies first, then the fix's dry run over every list (the job's own two steps, changing nothing).
   */
  async reconcilePreview(): Promise<ReconcilePreview> {
    const unapplied_calls = await countUnapplied(this.handle.db);
    return { unapplied_calls, report: await this.findAndFix({ mode: 'dry-run' }) };
  }

  /**
   * A console's asked lane (forShortAskedRead): at ten million leads the count held the main
   * thread 390 ms. On PostgreSQL with the counting plan (hopper-dialect.ts): the 400k-lead list
   * at a million leads counts in 41.5 ms on one process where two parallel workers took 112.
   */
  async breakdown(listId: number) {
    const saved = await loadSavedAliases(this.handle.db, this.handle.dialect);
    return withCountingPlan(forShortAskedRead(this.handle), this.handle.dialect, (db) => listBreakdown(db, listId, saved));
  }

  recyclable(campaignId: number) {
    return recyclableSummary(this.handle.db, campaignId);
  }

  recyclableLeadIds(campaignId: number, afterId = 0, limit = 1000) {
    return recyclableLeadIds(this.handle.db, campaignId, afterId, limit);
  }
}
