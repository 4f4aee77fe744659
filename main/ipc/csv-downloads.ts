// The CSV files the console hands over (a list's leads, the DNC list, an import's skipped rows),
// each written straight to where it goes — browser mode's HTTP response (web/download-route.ts),
// Electron's chosen file (io-handlers.ts) — a page at a time, so a 400,000-lead export never sits
// in memory. A request is checked before the first byte, so a refusal can still be answered.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../../shared/errors';
import { CsvDownloadSchema } from '../../shared/ipc/io-channels';
import type { AppRuntime } from '../app/app-runtime';
import { exportLeads } from '../services/exports/export-leads';

export interface CsvSource {
  filename: string;
  /** Writes the file to `out` (left open for the caller to end); rows written, null for a copied file. */
  write(out: Writable): Promise<{ rows: number | null }>;
}

/** The skipped rows of this process's imports, as temp files named by id (for the Import screen's offer). */
class SkippedRows {
  private readonly files = new Map<string, string>();
  private dir: string | null = null;

  /** A new private file for an import's skipped rows, and its id (registered once `keep` is called). */
  create(): { id: string; file: string; keep(): void } {
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-skipped-'));
    const id = randomUUID();
    const file = path.join(this.dir, `${id}.csv`);
    return { id, file, keep: () => this.files.set(id, file) };
  }

  path(id: string): string {
    const file = this.files.get(id);
    if (!file) throw notFound('That list of skipped rows');
    return file;
  }
}

export const skippedRows = new SkippedRows();

/** Reads a download request (a CsvDownload), checks it, and names the file; throws a clear error otherwise. */
export async function openCsvDownload(runtime: AppRuntime, input: unknown): Promise<CsvSource> {
  const parsed = CsvDownloadSchema.safeParse(input ?? {});
  if (!parsed.success) throw parsed.error;
  const request = parsed.data;
  if (request.what === 'leads') {
    const { listId, statuses } = request;
    const list = await runtime.handle.db.selectFrom('lead_lists').select('id').where('id', '=', listId).executeTakeFirst();
    if (!list) throw notFound(`List ${listId}`);
    return { filename: `list-${listId}-leads.csv`, write: (out) => exportLeads(runtime.handle, { listId, statuses }, out) };
  }
  if (request.what === 'dnc') return { filename: 'dnc-numbers.csv', write: (out) => runtime.services.dnc.export(out) };
  const file = skippedRows.path(request.id);
  return {
    filename: `skipped-rows-${request.id.slice(0, 8)}.csv`,
    write: async (out) => {
      await pipeline(fs.createReadStream(file), out, { end: false });
      return { rows: null };
    },
  };
}
