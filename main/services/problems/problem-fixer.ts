// Finds problem leads by class and fixes them: the scope's leads go by id range (range-pipeline.ts),
// each range classified in the database (problem-sql-plan.ts) and, when fixing, written there in
// its own write transaction (fix-range.ts), the
// whole run under one operation_id (the operations log); the report is built range by range in id
// order (fix-report-builder.ts).
import { randomUUID } from 'node:crypto';
import type { FixMode, FixReport } from '../../../shared/types/status';
import { forLongWork } from '../../db/query/long-work';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { countLeads, type LeadScope } from '../leads/lead-repository';
import { beginOperation, failOperation, finishOperation } from '../operations/operation-log';
import { keepOperationLease } from '../operations/operation-leases';
import { loadSavedAliases } from '../status-words/saved-aliases';
import { runRange, type FixRun } from './fix-range';
import { FixReportBuilder } from './fix-report-builder';
import { inOrder, LeadRanges } from './range-pipeline';

export type { FixMode, FixReport };

export interface FixOptions {
  mode: FixMode;
  campaignId?: number;
  listId?: number;
  batchSize?: number;
  /** How many lead ids to keep per class for a verbose report. */
  sampleSize?: number;
  /** `fix` (the CLI, the UI) or `reconcile` (the daily job): the audit source. */
  source?: 'fix' | 'reconcile';
  onProgress?: (p: { checked: number; total: number }) => void;
  shouldStop?: () => boolean;
  /**
   * The caller walked away (dialog closed, screen left, Ctrl+C): stop before the next range. The
   * ranges already committed stay (the report says `stopped`; a fix's operation stays undoable).
   */
  signal?: AbortSignal;
}

export async function findAndFixProblemLeads(handle: DbHandle, clock: Clock, options: FixOptions): Promise<FixReport> {
  const { dialect } = handle;
  const db = forLongWork(handle);
  const scope: LeadScope = { campaignId: options.campaignId, listId: options.listId };
  const run: FixRun = {
    db,
    dialect,
    clock,
    scope,
    mode: options.mode,
    operationId: options.mode === 'fix' ? randomUUID() : null,
    source: options.source ?? 'fix',
    saved: await loadSavedAliases(db, dialect),
    sampleSize: options.sampleSize ?? 20,
    needSamples: () => builder.needsSamples,
  };
  const builder = new FixReportBuilder(options.mode, scope, run.operationId, run.sampleSize);
  // Only a progress bar needs the total.
  const total = options.onProgress ? await countLeads(db, dialect, scope) : 0;
  if (run.operationId) {
    await beginOperation(db, {
      id: run.operationId,
      kind: run.source === 'reconcile' ? 'reconcile' : 'fix',
      listId: options.listId ?? null,
      campaignId: options.campaignId ?? null,
      params: { mode: options.mode },
      startedAt: clock().toISOString(),
    });
  }

  // Ranges are disjoint sets of leads, so where the dialect allows (fixRanges.inFlight) several are
  // in flight at once, each on its own connection. Their outcomes are taken in order.
  const shouldStop = () => options.signal?.aborted === true || options.shouldStop?.() === true;
  const ranges = new LeadRanges(db, dialect, scope, options.batchSize ?? dialect.fixRanges.size, shouldStop);
  // Its ranges commit one by one: the lease says this process still works on the rest.
  const stopLease = run.operationId ? keepOperationLease(db, run.operationId) : () => undefined;
  try {
    for await (const outcome of inOrder(ranges, (range) => runRange(run, range), dialect.fixRanges.inFlight)) {
      builder.addRange(outcome);
      options.onProgress?.({ checked: builder.checked, total: Math.max(total, builder.checked) });
    }
  } catch (error) {
    // A range that failed (a lost connection, a pool that had none free) ends the run: its
    // operation is `failed` at once, with what the committed ranges did, undoable as they are —
    // not left `running` until its lease lapses (the soak saw a reconcile left so).
    if (run.operationId) {
      await failOperation(db, run.operationId, FixReportBuilder.operationSummary(builder.build(true)), clock().toISOString()).catch(() => undefined);
    }
    throw error;
  } finally {
    stopLease();
  }
  const report = builder.build(ranges.stopped);

  if (run.operationId) {
    const end = report.errors > 0 || report.stopped ? failOperation : finishOperation;
    await end(db, run.operationId, FixReportBuilder.operationSummary(report), clock().toISOString());
  }
  return report;
}
