// Import of a CSV file into a list (domain.md "Loading and exporting leads"). The file is read
// as a stream; rows are decided and written in batches of BATCH, each batch in its own write
// transaction, under one `import` operation. A crash loses at most the batch in flight, and a
// rerun of the same file with the same dedupe finds what landed as duplicates. Memory stays
// flat: a real import asks the database (which holds the batches written so far) about earlier
// rows of the file, and keeps only the current batch. A dry run writes nothing, so it remembers
// the file's phones itself (a few dozen bytes each).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { InputError, notFound } from '../../../shared/errors';
import type { DedupeScope, ImportReport, RowOutcome } from '../../../shared/types/imports';
import { writeTransaction, type Db } from '../../db/dialect';
import { forLongWork } from '../../db/query/long-work';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import type { ProgressListener } from '../recycling/recycle-list';
import { readCsvHead, readCsvRecords } from './csv-reader';
import { mapHeaders, type HeaderMap } from './header-map';
import { decideBatch, loadUnkeyed, writeLeads, type ImportTarget, type Unkeyed } from './import-batch';
import { emptyReport, tally } from './import-report';
import { checkRow, type CandidateLead } from './row-check';

/** Rows per batch (and per transaction). */
export const BATCH = 5000;

export interface ImportRequest {
  listId: number;
  file: string;
  dedupe: DedupeScope;
  dryRun: boolean;
}

/** Hears every row that was not imported, with its cells (the Import screen offers them as CSV). */
export type SkippedListener = (row: number, outcome: Exclude<RowOutcome, 'imported'>, record: readonly string[]) => void;

export interface ImportListeners {
  onProgress?: ProgressListener;
  onSkipped?: SkippedListener;
}

async function listCampaign(db: Db, listId: number): Promise<number> {
  const list = await db.selectFrom('lead_lists').select(['id', 'campaign_id']).where('id', '=', listId).executeTakeFirst();
  if (!list) throw notFound(`List ${listId}`);
  return list.campaign_id;
}

/** Same size and same first 64 KB: the same vendor file, for telling a rerun. */
async function fingerprint(file: string, size: number): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    return `${size}:${createHash('sha256').update(head).digest('hex')}`;
  } finally {
    await handle.close();
  }
}

/**
 * An import of this file into this list with this dedupe that is still `running` was cut off
 * (the rerun is here to finish its job): it becomes `failed`, so that it can be undone alone.
 */
async function closeInterrupted(db: Db, listId: number, print: string, dedupe: DedupeScope, nowIso: string): Promise<void> {
  const running = await db.selectFrom('operations').select(['id', 'params']).where('list_id', '=', listId).where('kind', '=', 'import').where('state', '=', 'running').execute();
  for (const op of running) {
    const params = JSON.parse(op.params ?? '{}') as { fingerprint?: string; dedupe?: string };
    if (params.fingerprint !== print || params.dedupe !== dedupe) continue;
    await db.updateTable('operations').set({ state: 'failed', finished_at: nowIso, summary: JSON.stringify({ interrupted: true }) }).where('id', '=', op.id).execute();
  }
}

class ImportRun {
  readonly report: ImportReport;
  private candidates: CandidateLead[] = [];
  private records: (readonly string[])[] = [];
  /** Dry run: every phone of the file so far. Real import: reset per batch (the database knows the rest). */
  private seen = new Set<string>();
  private unkeyed: Unkeyed | undefined;

  constructor(
    private readonly handle: DbHandle,
    private readonly target: ImportTarget,
    private readonly request: ImportRequest,
    header: HeaderMap,
    delimiter: ImportReport['delimiter'],
    private readonly listeners: ImportListeners,
  ) {
    this.report = emptyReport(request.listId, request.dedupe, request.dryRun, delimiter, header.ignored);
    this.columns = header.indexes;
  }

  private readonly columns: HeaderMap['indexes'];

  async add(record: readonly string[]): Promise<void> {
    const row = ++this.report.rows;
    const check = checkRow(row, record, this.columns);
    if ('outcome' in check) {
      tally(this.report, row, check.outcome);
      this.listeners.onSkipped?.(row, check.outcome, record);
      return;
    }
    this.candidates.push(check);
    this.records.push(record);
    if (this.candidates.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const candidates = this.candidates;
    const records = this.records;
    if (candidates.length === 0) return;
    this.candidates = [];
    this.records = [];
    const { dialect } = this.handle;
    let outcomes: RowOutcome[];
    if (this.request.dryRun) {
      this.unkeyed ??= await loadUnkeyed(this.handle.db, dialect, this.target);
      outcomes = await decideBatch(this.handle.db, dialect, this.target, candidates, this.seen, this.unkeyed);
    } else {
      outcomes = await writeTransaction(forLongWork(this.handle), dialect, async (trx) => {
        await ensurePhoneKeys(trx, dialect);
        const decided = await decideBatch(trx, dialect, this.target, candidates, new Set());
        await writeLeads(trx, dialect, this.target, candidates.filter((_, i) => decided[i] === 'imported'));
        return decided;
      });
    }
    outcomes.forEach((outcome, i) => {
      tally(this.report, candidates[i].row, outcome);
      if (outcome !== 'imported') this.listeners.onSkipped?.(candidates[i].row, outcome, records[i]);
    });
  }
}

export async function importLeads(handle: DbHandle, clock: Clock, request: ImportRequest, listeners: ImportListeners = {}): Promise<ImportReport> {
  const { db, dialect } = handle;
  const campaignId = await listCampaign(db, request.listId);
  const head = await readCsvHead(request.file);
  let bytes = 0;
  const records = readCsvRecords(request.file, head.delimiter, (b) => (bytes = b));
  try {
    const first = await records.next();
    if (first.done) throw new InputError('The file is empty: a header row naming the phone column is required. Nothing was imported.');
    const header = mapHeaders(first.value);
    const nowIso = clock().toISOString();
    const target: ImportTarget = { listId: request.listId, campaignId, dedupe: request.dedupe, operationId: randomUUID(), nowIso };
    const run = new ImportRun(handle, target, request, header, head.delimiter, listeners);
    if (!request.dryRun) {
      await ensurePhoneKeys(db, dialect);
      const print = await fingerprint(request.file, head.size);
      await closeInterrupted(db, request.listId, print, request.dedupe, nowIso);
      await db
        .insertInto('operations')
        .values({
          id: target.operationId,
          kind: 'import',
          list_id: request.listId,
          campaign_id: campaignId,
          state: 'running',
          params: JSON.stringify({ file: request.file.split(/[\\/]/).pop(), fingerprint: print, dedupe: request.dedupe }),
          summary: null,
          undoes: null,
          started_at: nowIso,
          finished_at: null,
        })
        .execute();
      run.report.operation_id = target.operationId;
    }
    const progress = () => listeners.onProgress?.({ phase: request.dryRun ? 'checking' : 'importing', done: Math.min(bytes, head.size), total: head.size });
    try {
      let sinceProgress = 0;
      for await (const record of records) {
        await run.add(record);
        if (++sinceProgress >= 1000) {
          sinceProgress = 0;
          progress();
        }
      }
      await run.flush();
    } catch (error) {
      if (!request.dryRun) await finish(db, target.operationId, 'failed', clock, { ...run.report, error: (error as Error).message });
      if (run.report.imported > 0 && error instanceof InputError) {
        throw new InputError(
          `${error.message} The ${run.report.imported.toLocaleString('en-US')} leads of the rows before it were imported (operation ${target.operationId}); undo with: lead-console undo --operation ${target.operationId}`,
        );
      }
      throw error;
    }
    listeners.onProgress?.({ phase: request.dryRun ? 'checking' : 'importing', done: head.size, total: head.size });
    if (!request.dryRun) await finish(db, target.operationId, 'done', clock, run.report);
    return run.report;
  } finally {
    await records.return(undefined);
  }
}

async function finish(db: Db, operationId: string, state: 'done' | 'failed', clock: Clock, summary: object): Promise<void> {
  await db.updateTable('operations').set({ state, finished_at: clock().toISOString(), summary: JSON.stringify(summary) }).where('id', '=', operationId).execute();
}
