// "Map to…" on an unknown word's card: the target status, this list or all lists, save as an
// alias, and the exact count (a dry run) before the supervisor confirms.
import { createStore } from 'zustand/vanilla';
import type { Status } from '../../../shared/catalogue';
import type { MapStatusResult } from '../../../shared/types/leads';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

export interface MapWordState {
  word: string | null;
  listId: number | null;
  to: Status;
  allLists: boolean;
  saveAlias: boolean;
  /** The dry run for the current choice; null while counting. */
  preview: MapStatusResult | null;
  busy: boolean;
  done: MapStatusResult | null;
  open(word: string, listId: number): void;
  choose(change: Partial<Pick<MapWordState, 'to' | 'allLists' | 'saveAlias'>>): void;
  confirm(): Promise<void>;
  close(): void;
}

export function createMapWordStore(client: ApiClient, app: AppStore, afterMap: () => void) {
  let generation = 0;
  return createStore<MapWordState>()((set, get) => {
    const request = () => {
      const s = get();
      return { from: s.word!, to: s.to, ...(s.allLists ? {} : { listId: s.listId! }), saveAlias: s.saveAlias };
    };
    const count = async () => {
      const mine = ++generation;
      set({ preview: null });
      try {
        const preview = await client.call('statuses/map', { ...request(), dryRun: true });
        if (mine === generation) set({ preview });
      } catch (err) {
        app.getState().reportError('Counting the leads to map', err);
      }
    };
    return {
      word: null,
      listId: null,
      to: 'no_answer',
      allLists: false,
      saveAlias: false,
      preview: null,
      busy: false,
      done: null,
      open(word, listId) {
        set({ word, listId, to: 'no_answer', allLists: false, saveAlias: false, done: null });
        void count();
      },
      choose(change) {
        set(change);
        if (change.to !== undefined || change.allLists !== undefined) void count();
      },
      async confirm() {
        if (get().word === null) return;
        set({ busy: true });
        try {
          const done = await client.call('statuses/map', request());
          set({ done, word: null });
          afterMap();
        } catch (err) {
          app.getState().reportError('Mapping the word', err);
        } finally {
          set({ busy: false });
        }
      },
      close() {
        generation += 1;
        set({ word: null, preview: null });
      },
    };
  });
}
export type MapWordStore = ReturnType<typeof createMapWordStore>;
