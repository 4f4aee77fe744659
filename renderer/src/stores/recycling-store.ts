// The recycling screen of one list: its breakdown, problem leads, selection, and the three
// operations it can run (recycle, fix, undo), each confirmed first and followed with progress.
import { createStore } from 'zustand/vanilla';
import type { Status } from '../../../shared/catalogue';
import type { RecyclePreview, UndoableOperation } from '../../../shared/types/recycling';
import type { FixReport, ListBreakdown } from '../../../shared/types/status';
import { newProgressId, type ApiClient } from '../api/client';
import type { AppStore } from './app-store';
import { followProgress, type Progress } from './progress';
import { isRecyclableWord, mayPick, needsOverride, sameStatus } from './recycling-rules';

export type RecyclingDialog =
  | { kind: 'recycle'; preview: RecyclePreview }
  | { kind: 'fix'; dryRun: FixReport }
  | { kind: 'undo'; operation: UndoableOperation };

export interface RecyclingState {
  listId: number | null;
  breakdown: ListBreakdown | null;
  problems: FixReport | null;
  undoable: UndoableOperation | null;
  loading: boolean;
  selection: (string | null)[];
  targetStatus: Status;
  resetDialCount: boolean;
  override: boolean;
  overrideReason: string;
  dialog: RecyclingDialog | null;
  /** A preview or dry run is being computed. */
  preparing: boolean;
  progress: Progress | null;
  notice: string | null;
  /** The back end's exact count for the current choice (`recycling/preview`); null while unknown. */
  willChange: number | null;
  load(listId: number): Promise<void>;
  refresh(): Promise<void>;
  toggle(status: string | null): void;
  selectRecyclable(): void;
  clearSelection(): void;
  setTarget(status: Status): void;
  setResetDialCount(value: boolean): void;
  setOverride(value: boolean): void;
  setOverrideReason(reason: string): void;
  requestRecycle(): Promise<void>;
  requestFix(): Promise<void>;
  requestUndo(): void;
  confirm(): Promise<void>;
  cancel(): void;
}

export const MIN_REASON = 3;
/** Wait for the supervisor to stop clicking before asking for an exact count. */
const PREVIEW_DELAY_MS = 200;

export function createRecyclingStore(client: ApiClient, app: AppStore) {
  // Answers for a list the supervisor has already left are dropped.
  let generation = 0;
  let previewTimer: ReturnType<typeof setTimeout> | null = null;
  let previewSeq = 0;

  const store = createStore<RecyclingState>()((set, get) => {
    const report = (context: string, err: unknown) => app.getState().reportError(context, err);

    const fetchAll = async (listId: number) => {
      const mine = generation;
      const [breakdown, problems, undoable] = await Promise.all([
        client.call('recycling/breakdown', { listId }),
        client.call('leads/problem-report', { listId }),
        client.call('operations/last-undoable', { listId }),
      ]);
      if (mine !== generation) return;
      // A status that is no longer present cannot stay selected.
      const selection = get().selection.filter((s) => breakdown.statuses.some((row) => sameStatus(row.status, s)));
      set({ breakdown, problems, undoable, selection });
    };

    const withProgress = async <T>(label: string, prefix: string, run: (progressId: string) => Promise<T>): Promise<T> => {
      const progressId = newProgressId(prefix);
      set({ progress: { label, phase: '', done: 0, total: 0 }, notice: null });
      const stop = followProgress(client, progressId, (p) => set({ progress: { label, ...p } }));
      try {
        return await run(progressId);
      } finally {
        stop();
        set({ progress: null });
      }
    };

    const request = () => {
      const s = get();
      return {
        listId: s.listId!,
        statuses: s.selection,
        targetStatus: s.targetStatus,
        resetDialCount: s.resetDialCount,
        ...(s.override && s.overrideReason.trim().length >= MIN_REASON ? { finalOverride: { reason: s.overrideReason.trim() } } : {}),
      };
    };

    // Every change of the choice asks the back end again; only the latest answer counts.
    const schedulePreview = () => {
      if (previewTimer) clearTimeout(previewTimer);
      const seq = ++previewSeq;
      if (get().selection.length === 0 || get().listId === null) {
        set({ willChange: 0 });
        return;
      }
      set({ willChange: null });
      previewTimer = setTimeout(() => {
        previewTimer = null;
        client.call('recycling/preview', request()).then(
          (p) => seq === previewSeq && set({ willChange: p.will_change }),
          (err) => seq === previewSeq && report('Counting the leads to recycle', err),
        );
      }, PREVIEW_DELAY_MS);
    };

    return {
      listId: null,
      breakdown: null,
      problems: null,
      undoable: null,
      loading: false,
      selection: [],
      targetStatus: 'new',
      resetDialCount: false,
      override: false,
      overrideReason: '',
      dialog: null,
      preparing: false,
      progress: null,
      notice: null,
      willChange: 0,

      async load(listId) {
        generation += 1;
        set({ listId, breakdown: null, problems: null, undoable: null, selection: [], dialog: null, notice: null, loading: true, override: false, overrideReason: '', willChange: 0 });
        previewSeq += 1;
        try {
          await fetchAll(listId);
        } catch (err) {
          report('Loading the list', err);
        } finally {
          if (get().listId === listId) set({ loading: false });
        }
      },
      async refresh() {
        const listId = get().listId;
        if (listId === null) return;
        try {
          await fetchAll(listId);
        } catch (err) {
          report('Refreshing the list', err);
        }
      },
      toggle(status) {
        const { selection, override } = get();
        if (selection.some((s) => sameStatus(s, status))) {
          set({ selection: selection.filter((s) => !sameStatus(s, status)) });
        } else if (mayPick(status, override)) {
          set({ selection: [...selection, status] });
        }
        schedulePreview();
      },
      selectRecyclable() {
        const rows = get().breakdown?.statuses ?? [];
        set({ selection: rows.filter((r) => isRecyclableWord(r.status)).map((r) => r.status) });
        schedulePreview();
      },
      clearSelection() {
        set({ selection: [] });
        schedulePreview();
      },
      setTarget(targetStatus) {
        set({ targetStatus });
        schedulePreview();
      },
      setResetDialCount(resetDialCount) {
        set({ resetDialCount });
        schedulePreview();
      },
      setOverride(override) {
        // Turning the override off takes the final statuses back out of the selection.
        set({ override, selection: override ? get().selection : get().selection.filter((s) => !needsOverride(s)) });
        schedulePreview();
      },
      setOverrideReason(overrideReason) {
        set({ overrideReason });
        schedulePreview();
      },

      async requestRecycle() {
        const s = get();
        if (s.listId === null || s.selection.length === 0) return;
        set({ preparing: true, notice: null });
        try {
          const preview = await client.call('recycling/preview', request());
          set({ dialog: { kind: 'recycle', preview } });
        } catch (err) {
          report('Counting the leads to recycle', err);
        } finally {
          set({ preparing: false });
        }
      },
      async requestFix() {
        const listId = get().listId;
        if (listId === null) return;
        set({ preparing: true, notice: null });
        try {
          const dryRun = await withProgress('Checking problem leads (dry run)', 'dry-run', (progressId) =>
            client.call('leads/fix-problematic', { listId, dryRun: true, progressId }),
          );
          set({ dialog: { kind: 'fix', dryRun } });
        } catch (err) {
          report('Checking problem leads', err);
        } finally {
          set({ preparing: false });
        }
      },
      requestUndo() {
        const operation = get().undoable;
        if (operation && operation.undoable) set({ dialog: { kind: 'undo', operation }, notice: null });
      },
      cancel() {
        set({ dialog: null });
      },

      async confirm() {
        const dialog = get().dialog;
        const listId = get().listId;
        if (!dialog || listId === null) return;
        set({ dialog: null });
        try {
          if (dialog.kind === 'recycle') {
            const body = request();
            const result = await withProgress('Recycling', 'recycle', (progressId) => client.call('recycling/recycle', { ...body, progressId }));
            set({ selection: [], willChange: 0, notice: `Recycled ${result.changed.toLocaleString('en-US')} leads.` });
          } else if (dialog.kind === 'fix') {
            const result = await withProgress('Fixing problem leads', 'fix', (progressId) =>
              client.call('leads/fix-problematic', { listId, dryRun: false, progressId }),
            );
            const errors = result.errors > 0 ? ` ${result.errors.toLocaleString('en-US')} could not be fixed: ${result.error_messages[0] ?? 'see the log'}.` : '';
            set({ notice: `Fixed ${result.fixed.toLocaleString('en-US')} problem leads.${errors}` });
          } else {
            const result = await withProgress('Undoing', 'undo', (progressId) =>
              client.call('operations/undo', { operationId: dialog.operation.operation_id, progressId }),
            );
            set({ notice: `Undone: ${result.changed.toLocaleString('en-US')} leads are back as they were.` });
          }
        } catch (err) {
          report(dialog.kind === 'recycle' ? 'Recycling' : dialog.kind === 'fix' ? 'Fixing problem leads' : 'Undoing', err);
        }
        await get().refresh();
      },
    };
  });
  return store;
}
export type RecyclingStore = ReturnType<typeof createRecyclingStore>;
