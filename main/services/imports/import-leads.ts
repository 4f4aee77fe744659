// Import of a CSV file into a list (docs/domain.md "Loading and exporting leads"). The file is read
// as a stream; rows are decided and written in batches of BATCH, each batch in its own write
// transaction, under one `import` operation. A crash loses at most the batch in flight, and a
// rerun of the same file with the same dedupe finds what landed as duplicates. Memory stays
// flat: a real import asks the database (which holds the batches written so far) about earlier
// rows of the file, and keeps only the current batch. A dry run writes nothing, so it remembers
// the file's phones itself, on disk (a scratch SQLite file with a capped cache: memory stays flat
// there too), asking it about each batch's phones.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { InputError, notFound } from '../../../shared/errors';
import type { DedupeScope, ImportReport, RowOutcome } from '../../../shared/types/imports';
import { writeTransaction, type Db } from '../../db/dialect';
import { forLongWork } from '../../db/query/long-work';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import { beginOperation, failOperation, finishOperation, runningOperations } from '../operations/operation-log';
import type { ProgressListener } from '../recycling/recycle-list';
import { readCsvHead, readCsvRecords } from './csv-reader';
import { mapHeaders, type HeaderMap } from './header-map';
import { ScratchKeySet } from '../../db/scratch-key-set';
import { decideBatch, loadUnkeyed, writeLeads, type ImportTarget, type Unkeyed } from './import-batch';
import { emptyReport, tally } from './import-report';
import { checkRow, type CandidateLead } from './row-check';

/** Rows per batch (and per transaction). */
export const BATCH = 5000;

/** Rows checked between two turns of the event loop (each turn costs a few microseconds). */
const ROWS_PER_TURN = 250;
/** Rows between two progress reports (a multiple of ROWS_PER_TURN: reported on a turn). */
const ROWS_PER_PROGRESS = 1000;

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
  const running = await runningOperations(db, listId, 'import');
  for (const op of running) {
    const params = JSON.parse(op.params ?? '{}') as { fingerprint?: string; dedupe?: string };
    if (params.fingerprint !== print || params.dedupe !== dedupe) continue;
    await failOperation(db, op.id, { interrupted: true }, nowIso);
  }
}

class ImportRun {
  readonly report: ImportReport;
  private candidates: CandidateLead[] = [];
  private records: (readonly string[])[] = [];
  /** Dry run: every phone of the file imported so far, on disk. A real import asks the database. */
  private readonly seen: ScratchKeySet | null;
  private unkeyed: Unkeyed<ScratchKeySet> | undefined;

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
    this.seen = request.dryRun ? new ScratchKeySet() : null;
  }

  /** Deletes the dry run's scratch files. */
  close(): void {
    this.seen?.close();
    this.unkeyed?.dnc.close();
    this.unkeyed?.leads.close();
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
    if (this.seen) {
      this.unkeyed ??= await loadUnkeyed(this.handle.db, dialect, this.target);
      // Only this batch's phones come back from disk: what earlier batches imported, and the unkeyed rows'.
      const keys = [...new Set(candidates.map((c) => c.key))];
      const earlier = this.seen.has(keys);
      const seen = new Set(earlier);
      outcomes = await decideBatch(this.handle.db, dialect, this.target, candidates, seen, { dnc: this.unkeyed.dnc.has(keys), leads: this.unkeyed.leads.has(keys) });
      this.seen.add([...seen].filter((k) => !earlier.has(k)));
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
  const { db } = handle;
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
    try {
      return await runImport(handle, clock, request, target, run, head, () => bytes, records, listeners);
    } finally {
      run.close();
    }
  } finally {
    await records.return(undefined);
  }
}

/** The import proper, once the file's header is read: the operation, every row, the report. */
async function runImport(
  handle: DbHandle,
  clock: Clock,
  request: ImportRequest,
  target: ImportTarget,
  run: ImportRun,
  head: { size: number },
  bytesRead: () => number,
  records: AsyncGenerator<readonly string[]>,
  listeners: ImportListeners,
): Promise<ImportReport> {
  const { db, dialect } = handle;
  if (!request.dryRun) {
    await ensurePhoneKeys(db, dialect);
    const print = await fingerprint(request.file, head.size);
    await closeInterrupted(db, request.listId, print, request.dedupe, target.nowIso);
    await beginOperation(db, {
      id: target.operationId,
      kind: 'import',
      listId: request.listId,
      campaignId: target.campaignId,
      params: { file: request.file.split(/[\\/]/).pop(), fingerprint: print, dedupe: request.dedupe },
      startedAt: target.nowIso,
    });
    run.report.operation_id = target.operationId;
  }
  const phase = request.dryRun ? 'checking' : 'importing';
  try {
    let rows = 0;
    for await (const record of records) {
      await run.add(record);
      if (++rows % ROWS_PER_TURN !== 0) continue;
      if (rows % ROWS_PER_PROGRESS === 0) listeners.onProgress?.({ phase, done: Math.min(bytesRead(), head.size), total: head.size });
      // The parser's rows come as microtasks, and the file's next chunk is read and parsed in
      // the same turn: without a turn of the event loop every few hundred rows, reading and
      // checking them is one block of the main thread (43 ms at a thousand rows, bench/README.md).
      await nextTurn();
    }
    await run.flush();
  } catch (error) {
    if (!request.dryRun) await failOperation(db, target.operationId, { ...run.report, error: (error as Error).message }, clock().toISOString());
    if (run.report.imported > 0 && error instanceof InputError) {
      throw new InputError(
        `${error.message} The ${run.report.imported.toLocaleString('en-US')} leads of the rows before it were imported (operation ${target.operationId}); undo with: lead-console undo --operation ${target.operationId}`,
      );
    }
    throw error;
  }
  listeners.onProgress?.({ phase, done: head.size, total: head.size });
  if (!request.dryRun) await finishOperation(db, target.operationId, run.report, clock().toISOString());
  return run.report;
}
