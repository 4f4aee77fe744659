// Recycle, fix and undo: each shows exactly what will change and waits for a confirmation, then
// runs with its progress followed, says what it did, and reloads the list.
import { callCancellable } from '../../api/cancellable';
import { newProgressId } from '../../api/client';
import { followProgress } from '../progress';
import type { OperationsSlice, RecyclingDeps, RecyclingSlice } from './recycling-state';
import { recycleRequest } from './selection-slice';

export function createOperationsSlice({ client, report }: RecyclingDeps): RecyclingSlice<OperationsSlice> {
  return (set, get) => {
    // The dry run or fix on its way, which the supervisor may stop (or walk away from).
    let work: AbortController | null = null;
    const withProgress = async <T>(label: string, prefix: string, run: (progressId: string) => Promise<T>, stoppable = false): Promise<T> => {
      const progressId = newProgressId(prefix);
      set({ progress: { label, phase: '', done: 0, total: 0 }, stoppable, notice: null });
      const stop = followProgress(client, progressId, (p) => set({ progress: { label, ...p } }));
      try {
        return await run(progressId);
      } finally {
        stop();
        set({ progress: null, stoppable: false });
      }
    };
    const stoppableWork = () => {
      work?.abort();
      work = new AbortController();
      return work.signal;
    };

    return {
      dialog: null,
      preparing: false,
      progress: null,
      stoppable: false,
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
        const signal = stoppableWork();
        try {
          const dryRun = await withProgress(
            'Checking problem leads (dry run)',
            'dry-run',
            (progressId) => callCancellable(client, 'leads/fix-problematic', { listId, dryRun: true, progressId }, signal),
            true,
          );
          if (!signal.aborted && get().listId === listId) set({ dialog: { kind: 'fix', dryRun } });
        } catch (err) {
          if (signal.aborted) set({ notice: 'Dry run stopped: nothing was changed.' });
          else report('Checking problem leads', err);
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
      stopWork() {
        work?.abort();
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
            const signal = stoppableWork();
            const result = await withProgress(
              'Fixing problem leads',
              'fix',
              (progressId) => callCancellable(client, 'leads/fix-problematic', { listId, dryRun: false, progressId }, signal),
              true,
            );
            const errors = result.errors > 0 ? ` ${result.errors.toLocaleString('en-US')} could not be fixed: ${result.error_messages[0] ?? 'see the log'}.` : '';
            set({
              notice: result.stopped
                ? `Fix stopped: ${result.fixed.toLocaleString('en-US')} problem leads were fixed before the stop and stay fixed (Undo last operation takes them back); fix again for the rest.${errors}`
                : `Fixed ${result.fixed.toLocaleString('en-US')} problem leads.${errors}`,
            });
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
