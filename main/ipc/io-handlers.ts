// Handlers of the leads in and out channels (shared/ipc/io-channels.ts). Files are named by the
// id the upload (browser mode) or the native dialog (Electron) registered; the skipped rows of
// an import are written to a temp CSV as they are found, for the Import screen to offer.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { ConsoleError, notFound } from '../../shared/errors';
import type { AppRuntime } from '../app/app-runtime';
import { csvLine } from '../services/audit/csv';
import { exportLeads } from '../services/exports/export-leads';
import { uploads } from '../services/imports/upload-store';
import { progressFor, type Handlers } from './handler-types';

type IoChannel = 'imports/choose-file' | 'imports/preview' | 'imports/run' | 'imports/skipped-csv' | 'leads/export-csv' | 'dnc/check' | 'dnc/add' | 'dnc/remove' | 'dnc/import' | 'dnc/export-csv' | 'dnc/changes';

export interface IoHandlerOptions {
  /** Electron's open dialog for a CSV file; null when cancelled. Absent in browser mode. */
  chooseCsvFile?: () => Promise<string | null>;
  /** Who the DNC changes are recorded as (the workstation user). */
  user?: string;
}

/** An answer to show in the console is bounded; the CLI streams any size. */
const MAX_CSV_CHARS = 100 * 1024 * 1024;

async function collect(write: (out: PassThrough) => Promise<{ rows: number }>): Promise<{ csv: string; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  let size = 0;
  out.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_CSV_CHARS) out.destroy(new ConsoleError('invalid_input', 'This export is too large to show in the console: use `lead-console export-leads --out FILE`.'));
    else chunks.push(c);
  });
  const { rows } = await write(out);
  out.end();
  return { csv: Buffer.concat(chunks).toString('utf8'), rows };
}

export function createIoHandlers(runtime: AppRuntime, options: IoHandlerOptions = {}): Pick<Handlers, IoChannel> {
  const s = () => runtime.services;
  const user = options.user ?? 'console';
  const skipped = new Map<string, string>();
  let skippedDir: string | null = null;
  return {
    'imports/choose-file': async () => {
      if (!options.chooseCsvFile) throw new ConsoleError('invalid_input', 'In browser mode the file is uploaded: choose it in the page.');
      const file = await options.chooseCsvFile();
      return file === null ? null : uploads.register(file);
    },
    'imports/preview': ({ fileId }) => s().imports.preview(uploads.path(fileId)),
    'imports/run': async ({ listId, fileId, dedupe, dryRun, progressId }, ctx) => {
      const file = uploads.path(fileId);
      skippedDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-skipped-'));
      const skippedId = randomUUID();
      const skippedFile = path.join(skippedDir, `${skippedId}.csv`);
      const out = fs.createWriteStream(skippedFile, { mode: 0o600 });
      out.write('row,outcome,cells\r\n');
      let count = 0;
      try {
        const report = await s().imports.import(
          { listId, file, dedupe, dryRun },
          {
            onProgress: progressFor(ctx, progressId),
            onSkipped: (row, outcome, record) => {
              count += 1;
              out.write(`${csvLine([row, outcome, ...record])}\r\n`);
            },
          },
        );
        if (count > 0) skipped.set(skippedId, skippedFile);
        return { ...report, skipped_id: count > 0 ? skippedId : null };
      } finally {
        out.end();
      }
    },
    'imports/skipped-csv': async ({ operationId }) => {
      const file = skipped.get(operationId);
      if (!file) throw notFound('That list of skipped rows');
      return { filename: `skipped-rows-${operationId.slice(0, 8)}.csv`, csv: await fs.promises.readFile(file, 'utf8') };
    },
    'leads/export-csv': async ({ listId, statuses }) => {
      const { csv, rows } = await collect((out) => exportLeads(runtime.handle, { listId, statuses }, out));
      return { filename: `list-${listId}-leads.csv`, csv, rows };
    },
    'dnc/check': ({ phone }) => s().dnc.check(phone),
    'dnc/add': ({ phone }) => s().dnc.add(phone, user),
    'dnc/remove': ({ phone, reason }) => s().dnc.remove(phone, reason, user),
    'dnc/import': ({ fileId }) => s().dnc.importFile(uploads.path(fileId), user),
    'dnc/export-csv': async () => {
      const { csv, rows } = await collect((out) => s().dnc.export(out));
      return { filename: 'dnc-numbers.csv', csv, rows };
    },
    'dnc/changes': ({ limit }) => s().dnc.recentChanges(limit),
  };
}
