// Handlers of the leads in and out channels (shared/ipc/io-channels.ts). Files are named by the
// id the upload (browser mode) or the native dialog (Electron) registered; the skipped rows of
// an import are written to a temp CSV as they are found, for the Import screen to offer. CSV
// files go out streamed (csv-downloads.ts): saved where Electron's dialog says, or downloaded in
// browser mode (web/download-route.ts).
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { ConsoleError } from '../../shared/errors';
import type { AppRuntime } from '../app/app-runtime';
import { csvLine } from '../services/audit/csv';
import { uploads } from '../services/imports/upload-store';
import { openCsvDownload, skippedRows, type CsvSource } from './csv-downloads';
import { progressFor, type Handlers } from './handler-types';

type IoChannel = 'imports/choose-file' | 'imports/preview' | 'imports/run' | 'files/save-csv' | 'dnc/check' | 'dnc/add' | 'dnc/remove' | 'dnc/import' | 'dnc/changes';

export interface IoHandlerOptions {
  /** Electron's open dialog for a CSV file; null when cancelled. Absent in browser mode. */
  chooseCsvFile?: () => Promise<string | null>;
  /** Electron's save dialog for a CSV file, offering `name`; null when cancelled. Absent in browser mode. */
  chooseSavePath?: (name: string) => Promise<string | null>;
  /** Who the DNC changes are recorded as (the workstation user). */
  user?: string;
}

/** Writes the download to `file` as it is produced (never whole in memory); a failed one leaves no file. */
async function saveTo(source: CsvSource, file: string): Promise<number | null> {
  const out = fs.createWriteStream(file);
  try {
    const { rows } = await source.write(out);
    out.end();
    await finished(out);
    return rows;
  } catch (error) {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw error;
  }
}

export function createIoHandlers(runtime: AppRuntime, options: IoHandlerOptions = {}): Pick<Handlers, IoChannel> {
  const s = () => runtime.services;
  const user = options.user ?? 'console';
  return {
    'imports/choose-file': async () => {
      if (!options.chooseCsvFile) throw new ConsoleError('invalid_input', 'In browser mode the file is uploaded: choose it in the page.');
      const file = await options.chooseCsvFile();
      return file === null ? null : uploads.register(file);
    },
    'imports/preview': ({ fileId }) => s().imports.preview(uploads.path(fileId)),
    'imports/run': async ({ listId, fileId, dedupe, dryRun, progressId }, ctx) => {
      const file = uploads.path(fileId);
      const kept = skippedRows.create();
      const out = fs.createWriteStream(kept.file, { mode: 0o600 });
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
        if (count > 0) kept.keep();
        return { ...report, skipped_id: count > 0 ? kept.id : null };
      } finally {
        out.end();
      }
    },
    'files/save-csv': async (request) => {
      if (!options.chooseSavePath) throw new ConsoleError('invalid_input', 'In browser mode the file downloads from the page.');
      // Checked before the dialog: a list that does not exist is said at once.
      const source = await openCsvDownload(runtime, request);
      const file = await options.chooseSavePath(source.filename);
      if (file === null) return { saved: false, filename: source.filename, rows: null };
      return { saved: true, filename: path.basename(file), rows: await saveTo(source, file) };
    },
    'dnc/check': ({ phone }) => s().dnc.check(phone),
    'dnc/add': ({ phone }) => s().dnc.add(phone, user),
    'dnc/remove': ({ phone, reason }) => s().dnc.remove(phone, reason, user),
    'dnc/import': ({ fileId }) => s().dnc.importFile(uploads.path(fileId), user),
    'dnc/changes': ({ limit }) => s().dnc.recentChanges(limit),
  };
}
