// Leads in and out: the Import screen's steps (file, preview, dry run, import, result) and the
// DNC screen's look-ups and changes.
import { createStore } from 'zustand/vanilla';
import type { CsvDownload, StoredFileInfo } from '../../../shared/ipc/io-channels';
import type { DedupeScope, DncChange, DncCheck, ImportPreview, ImportReport } from '../../../shared/types/imports';
import type { OperationResult } from '../../../shared/types/recycling';
import { newProgressId, type ApiClient } from '../api/client';
import { browserDownload, type Downloader } from '../api/download';
import { browserUpload, type Uploader } from '../api/upload';
import type { AppStore } from './app-store';
import { followProgress, type Progress } from './progress';

type RunReport = ImportReport & { skipped_id: string | null };

export interface IoState {
  file: StoredFileInfo | null;
  preview: ImportPreview | null;
  dedupe: DedupeScope;
  dryRun: RunReport | null;
  result: RunReport | null;
  undone: OperationResult | null;
  progress: Progress | null;
  busy: boolean;
  dncCheck: DncCheck | null;
  dncChanges: DncChange[];
  dncNotice: string | null;
  /** Browser mode: the chosen File; Electron: null (the native dialog picks it). */
  chooseFile(file: File | null): Promise<void>;
  setDedupe(dedupe: DedupeScope): void;
  run(listId: number, dryRun: boolean): Promise<void>;
  downloadSkipped(): Promise<void>;
  undoImport(): Promise<void>;
  reset(): void;
  checkNumber(phone: string): Promise<void>;
  addNumber(phone: string): Promise<void>;
  removeNumber(phone: string, reason: string): Promise<void>;
  importNumbers(file: File | null): Promise<void>;
  exportNumbers(): Promise<void>;
  loadChanges(): Promise<void>;
  /** The recycling screen's Export: the leads of the chosen statuses (all when none is chosen). */
  exportLeads(listId: number, statuses: (string | null)[]): Promise<void>;
  /** Where the last file went (Electron's save), shown beside the buttons. */
  saved: string | null;
}

const fresh = { file: null, preview: null, dryRun: null, result: null, undone: null, progress: null };

export function createIoStore(client: ApiClient, app: AppStore, upload: Uploader = browserUpload, download: Downloader = browserDownload) {
  const report = (context: string, err: unknown) => app.getState().reportError(context, err);
  /** A CSV streamed to disk: Electron's save dialog, or the browser's own download (never whole in memory). */
  const save = async (request: CsvDownload): Promise<string | null> => {
    if (app.getState().info?.shell !== 'electron') {
      await download(request);
      return null;
    }
    const r = await client.call('files/save-csv', request);
    return r.saved ? `Saved ${r.filename}${r.rows === null ? '' : ` (${r.rows.toLocaleString('en-US')} rows)`}.` : null;
  };
  const obtain = async (file: File | null): Promise<StoredFileInfo | null> =>
    file ? upload(file) : client.call('imports/choose-file', {});
  return createStore<IoState>()((set, get) => {
    /** Runs `work` with the screen busy, reporting a failure under `context`. */
    const busy = async (context: string, work: () => Promise<void>) => {
      set({ busy: true });
      try {
        await work();
      } catch (err) {
        report(context, err);
      } finally {
        set({ busy: false, progress: null });
      }
    };
    return {
      ...fresh,
      dedupe: 'campaign',
      busy: false,
      dncCheck: null,
      dncChanges: [],
      dncNotice: null,
      saved: null,
      chooseFile: (chosen) =>
        busy('Reading the file', async () => {
          set({ ...fresh });
          const file = await obtain(chosen);
          if (!file) return;
          set({ file, preview: await client.call('imports/preview', { fileId: file.fileId }) });
        }),
      setDedupe(dedupe) {
        set({ dedupe, dryRun: null });
      },
      run: (listId, dryRun) =>
        busy(dryRun ? 'Checking the file' : 'Importing', async () => {
          const file = get().file;
          if (!file) return;
          const progressId = newProgressId('import');
          const label = dryRun ? 'Checking' : 'Importing';
          set({ progress: { label, phase: '', done: 0, total: 0 } });
          const stop = followProgress(client, progressId, (p) => set({ progress: { label, ...p } }));
          try {
            const value = await client.call('imports/run', { listId, fileId: file.fileId, dedupe: get().dedupe, dryRun, progressId });
            set(dryRun ? { dryRun: value } : { result: value });
          } finally {
            stop();
          }
        }),
      downloadSkipped: () =>
        busy('Downloading the skipped rows', async () => {
          const id = get().result?.skipped_id;
          if (!id) return;
          set({ saved: await save({ what: 'skipped', id }) });
        }),
      undoImport: () =>
        busy('Undoing the import', async () => {
          const id = get().result?.operation_id;
          if (!id) return;
          set({ undone: await client.call('operations/undo', { operationId: id }) });
        }),
      reset() {
        set({ ...fresh });
      },
      checkNumber: (phone) =>
        busy('Looking the number up', async () => {
          set({ dncCheck: await client.call('dnc/check', { phone }), dncNotice: null });
        }),
      addNumber: (phone) =>
        busy('Adding the number', async () => {
          const r = await client.call('dnc/add', { phone });
          set({ dncNotice: r.added ? `Added ${r.phone}; ${r.hopper_rows_removed} hopper rows removed.` : `${r.phone} is on the list already.` });
          await get().loadChanges();
        }),
      removeNumber: (phone, reason) =>
        busy('Removing the number', async () => {
          const r = await client.call('dnc/remove', { phone, reason });
          set({ dncNotice: `Removed ${r.removed.join(', ')}.`, dncCheck: null });
          await get().loadChanges();
        }),
      importNumbers: (chosen) =>
        busy('Importing DNC numbers', async () => {
          const file = await obtain(chosen);
          if (!file) return;
          const r = await client.call('dnc/import', { fileId: file.fileId });
          set({
            dncNotice: `${r.rows} rows: ${r.added} added, ${r.already_listed} listed already, ${r.duplicates} repeated, ${r.invalid} not numbers; ${r.hopper_rows_removed} hopper rows removed.`,
          });
          await get().loadChanges();
        }),
      exportNumbers: () =>
        busy('Exporting the DNC list', async () => {
          set({ saved: await save({ what: 'dnc' }) });
        }),
      exportLeads: (listId, statuses) =>
        busy('Exporting leads', async () => {
          set({ saved: await save({ what: 'leads', listId, statuses }) });
        }),
      loadChanges: async () => {
        try {
          set({ dncChanges: await client.call('dnc/changes', { limit: 50 }) });
        } catch (err) {
          report('Loading DNC changes', err);
        }
      },
    };
  });
}
export type IoStore = ReturnType<typeof createIoStore>;
