// The channels of leads in and out (imports, exports, DNC list), merged into the one contract
// (contract.ts). A file is named by the id the upload or the native dialog gave it, never a path.
import { z } from 'zod';
import type { DncChange, DncCheck, DncImportReport, ImportPreview, ImportReport } from '../types/imports';
import { DEDUPE_SCOPES } from '../types/imports';
import { Id, ProgressId, StoredStatus } from './schemas';

const FileId = z.string().uuid();
const Phone = z.string().trim().min(1).max(64);

/**
 * A CSV file the console hands over without ever holding it whole: the leads of a list (some
 * statuses), the DNC list, or the skipped rows of an import. Browser mode downloads it from
 * DOWNLOAD_PATH (http-protocol.ts), streamed; Electron saves it where the native dialog says.
 */
export const CsvDownloadSchema = z.discriminatedUnion('what', [
  z.object({ what: z.literal('leads'), listId: Id, statuses: z.array(StoredStatus).max(500).default([]) }).strict(),
  z.object({ what: z.literal('dnc') }).strict(),
  z.object({ what: z.literal('skipped'), id: FileId }).strict(),
]);
export type CsvDownload = z.input<typeof CsvDownloadSchema>;

export const IO_CHANNELS = {
  'imports/choose-file': z.object({}).strict(),
  'imports/preview': z.object({ fileId: FileId }).strict(),
  'imports/run': z.object({ listId: Id, fileId: FileId, dedupe: z.enum(DEDUPE_SCOPES).default('campaign'), dryRun: z.boolean(), progressId: ProgressId }).strict(),
  'files/save-csv': CsvDownloadSchema,
  'dnc/check': z.object({ phone: Phone }).strict(),
  'dnc/add': z.object({ phone: Phone }).strict(),
  'dnc/remove': z.object({ phone: Phone, reason: z.string().trim().min(3).max(500) }).strict(),
  'dnc/import': z.object({ fileId: FileId }).strict(),
  'dnc/changes': z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict(),
} as const satisfies Record<string, z.ZodType>;

export interface StoredFileInfo {
  fileId: string;
  name: string;
  size: number;
}

export interface IoChannelOutputs {
  /** Null when the person cancels the dialog (Electron) — browser mode uploads instead. */
  'imports/choose-file': StoredFileInfo | null;
  'imports/preview': ImportPreview;
  /** `skipped_id` names the skipped rows' CSV (a CsvDownload `skipped`) when any row was skipped. */
  'imports/run': ImportReport & { skipped_id: string | null };
  /** Electron: written where the person chose (`saved` false when the dialog was cancelled); `rows` null for a copied file. */
  'files/save-csv': { saved: boolean; filename: string; rows: number | null };
  'dnc/check': DncCheck;
  'dnc/add': { phone: string; added: boolean; hopper_rows_removed: number };
  'dnc/remove': { removed: string[] };
  'dnc/import': DncImportReport;
  'dnc/changes': DncChange[];
}
