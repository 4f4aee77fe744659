// The recycling screen of one list: its breakdown, problem leads and last undoable operation,
// with the selection slice (the supervisor's choice) and the operations slice (recycle, fix, undo).
import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../../api/client';
import type { AppStore } from '../app-store';
import { keyedLoader } from '../latest';
import { createOperationsSlice } from './operations-slice';
import type { ListSlice, RecyclingDeps, RecyclingSlice, RecyclingState } from './recycling-state';
import { sameStatus } from './recycling-rules';
import { createSelectionSlice } from './selection-slice';

export type { RecyclingDialog, RecyclingState } from './recycling-state';
export { MIN_REASON } from './selection-slice';

function createListSlice({ client, report }: RecyclingDeps): RecyclingSlice<ListSlice> {
  return (set, get) => {
    const loader = keyedLoader({
      what: 'the list',
      key: () => get().listId,
      start: (listId: number) => {
        get().resetChoice();
        set({ listId, breakdown: null, problems: null, undoable: null, dialog: null, notice: null, loading: true });
      },
      fetch: (listId: number) =>
        Promise.all([
          client.call('recycling/breakdown', { listId }),
          client.call('leads/problem-report', { listId }),
          client.call('operations/last-undoable', { listId }),
        ]),
      apply: ([breakdown, problems, undoable]) => {
        // A status that is no longer present cannot stay selected.
        const selection = get().selection.filter((s) => breakdown.statuses.some((row) => sameStatus(row.status, s)));
        set({ breakdown, problems, undoable, selection });
      },
      setLoading: (loading) => set({ loading }),
      report,
    });
    return { listId: null, breakdown: null, problems: null, undoable: null, loading: false, load: loader.load, refresh: loader.refresh };
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
