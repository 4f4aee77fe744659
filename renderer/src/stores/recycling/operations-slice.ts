// Recycle, fix and undo: each shows exactly what will change and waits for a confirmation, then
// runs with its progress followed, says what it did, and reloads the list.
import { newProgressId } from '../../api/client';
import { followProgress } from '../progress';
import type { OperationsSlice, RecyclingDeps, RecyclingSlice } from './recycling-state';
import { recycleRequest } from './selection-slice';

export function createOperationsSlice({ client, report }: RecyclingDeps): RecyclingSlice<OperationsSlice> {
  return (set, get) => {
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

    return {
      dialog: null,
      preparing: false,
      progress: null,
      notice: null,

      async requestRecycle() {
        const s = get();
        if (s.listId === null || s.selection.length === 0) return;
        set({ preparing: true, notice: null });
        try {
          const preview = await client.call('recycling/preview', recycleRequest(s));
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
            const body = recycleRequest(get());
            const result = await withProgress('Recycling', 'recycle', (progressId) => client.call('recycling/recycle', { ...body, progressId }));
            // The form starts over: a ticked "Reset dial count" must not carry into the next recycle.
            get().resetChoice();
            set({ notice: `Recycled ${result.changed.toLocaleString('en-US')} leads.` });
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
            get().resetChoice();
            set({ notice: `Undone: ${result.changed.toLocaleString('en-US')} leads are back as they were.` });
          }
        } catch (err) {
          report(dialog.kind === 'recycle' ? 'Recycling' : dialog.kind === 'fix' ? 'Fixing problem leads' : 'Undoing', err);
        }
        await get().refresh();
      },
    };
  };
}
