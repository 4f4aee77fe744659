// App-wide state: what the back end is connected to, whether the database is reachable, and the
// errors calls have returned (shown, never swallowed).
import { createStore } from 'zustand/vanilla';
import type { AppInfo, PushEvents } from '../../../shared/ipc/contract';
import { describeError, type ApiClient } from '../api/client';
import type { View } from './views';

export interface ShownError {
  id: number;
  /** What the supervisor was doing: "Loading the list", "Recycling"... */
  context: string;
  code: string;
  message: string;
  /** The screen whose action failed: shown only there. Null: the whole console's (shown everywhere). */
  screen: View | null;
}

export interface AppState {
  info: AppInfo | null;
  database: PushEvents['database/status'];
  errors: ShownError[];
  loadInfo(): Promise<void>;
  reportError(context: string, err: unknown, screen?: View | null): void;
  dismissError(id: number): void;
  setInfo(info: AppInfo): void;
}

export function createAppStore(client: ApiClient) {
  let nextId = 1;
  const store = createStore<AppState>()((set, get) => ({
    info: null,
    database: { state: 'ok', message: '' },
    errors: [],
    async loadInfo() {
      try {
        set({ info: await client.call('app/get-info', {}) });
      } catch (err) {
        get().reportError('Connecting to the console', err);
      }
    },
    reportError(context, err, screen = null) {
      const { code, message } = describeError(err);
      const update: Partial<AppState> = {
        errors: [...get().errors.slice(-4), { id: nextId++, context, code, message, screen }],
      };
      if (code === 'database_unavailable') update.database = { state: 'unavailable', message };
      set(update);
    },
    dismissError(id) {
      set({ errors: get().errors.filter((e) => e.id !== id) });
    },
    setInfo(info) {
      set({ info, database: { state: 'ok', message: '' } });
    },
  }));
  client.on('database/status', (status) => store.setState({ database: status }));
  return store;
}
export type AppStore = ReturnType<typeof createAppStore>;
