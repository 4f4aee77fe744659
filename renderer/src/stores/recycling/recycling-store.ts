// The recycling screen of one list: its breakdown and last undoable operation, then its problem
// counts (they may take seconds, and never hold the figures back),
// with the selection slice (the supervisor's choice) and the operations slice (recycle, fix, undo).
import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../../api/client';
import type { AppStore } from '../app-store';
import { callCancellable } from '../../api/cancellable';
import { newProgressId } from '../../api/client';
import { keyedLoader } from '../latest';
import { followProgress } from '../progress';
import { createOperationsSlice } from './operations-slice';
import type { ListSlice, RecyclingDeps, RecyclingSlice, RecyclingState } from './recycling-state';
import { sameStatus } from './recycling-rules';
import { createSelectionSlice } from './selection-slice';

export type { RecyclingDialog, RecyclingState } from './recycling-state';
export { MIN_REASON } from './selection-slice';

function createListSlice({ client, report }: RecyclingDeps): RecyclingSlice<ListSlice> {
  return (set, get) => {
    // The problem counts come on their own: the figures never wait for them (issue 22).
    let counting: AbortController | null = null;
    const countProblems = async (listId: number, recount: boolean) => {
      counting?.abort();
      const run = new AbortController();
      counting = run;
      const label = 'Checking this list for problem leads';
      const progressId = newProgressId('problems');
      set({ problemsProgress: { label, phase: '', done: 0, total: 0 } });
      const stop = followProgress(client, progressId, (p) => counting === run && set({ problemsProgress: { label, ...p } }));
      try {
        const problems = await callCancellable(client, 'leads/problem-report', { listId, recount, progressId }, run.signal);
        if (counting === run && get().listId === listId) set({ problems });
      } catch (err) {
        // A count stopped because the supervisor moved on is no error.
        if (!run.signal.aborted) report('Counting the problem leads', err);
      } finally {
        stop();
        if (counting === run) {
          counting = null;
          set({ problemsProgress: null });
        }
      }
    };

    const loader = keyedLoader({
      what: 'the list',
      key: () => get().listId,
      start: (listId: number) => {
        counting?.abort();
        get().resetChoice();
        set({ listId, breakdown: null, problems: null, problemsProgress: null, undoable: null, dialog: null, notice: null, loading: true });
      },
      fetch: (listId: number) => Promise.all([client.call('recycling/breakdown', { listId }), client.call('operations/last-undoable', { listId })]),
      apply: ([breakdown, undoable]) => {
        // A status that is no longer present cannot stay selected.
        const selection = get().selection.filter((s) => breakdown.statuses.some((row) => sameStatus(row.status, s)));
        set({ breakdown, undoable, selection });
      },
      setLoading: (loading) => set({ loading }),
      report,
    });
    // The count starts once the figures are in: it must not slow them down.
    const thenCount = async (figures: Promise<void>, recount = false) => {
      const listId = get().listId;
      await figures;
      if (listId !== null && get().listId === listId) await countProblems(listId, recount);
    };
    return {
      listId: null,
      breakdown: null,
      problems: null,
      problemsProgress: null,
      undoable: null,
      loading: false,
      load: (listId) => thenCount(loader.load(listId)),
      refresh: () => thenCount(loader.refresh()),
      recount: () => thenCount(Promise.resolve(), true),
      leave() {
        counting?.abort();
        get().stopWork();
      },
    };
  };
}

export function createRecyclingStore(client: ApiClient, app: AppStore) {
  const deps: RecyclingDeps = { client, report: (context, err) => app.getState().reportError(context, err, 'recycling') };
  return createStore<RecyclingState>()((...a) => ({
    ...createListSlice(deps)(...a),
    ...createSelectionSlice(deps)(...a),
    ...createOperationsSlice(deps)(...a),
  }));
}
export type RecyclingStore = ReturnType<typeof createRecyclingStore>;
