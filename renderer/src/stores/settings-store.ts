// Which database the console uses: open a SQLite file, or connect to PostgreSQL after a test.
import { createStore } from 'zustand/vanilla';
import type { AppInfo, InputOf } from '../../../shared/ipc/contract';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

export type PostgresForm = InputOf<'database/connect-postgres'>;

export interface SettingsState {
  busy: 'test' | 'connect' | 'sqlite' | null;
  testResult: string | null;
  message: string | null;
  testPostgres(form: PostgresForm): Promise<void>;
  connectPostgres(form: PostgresForm): Promise<void>;
  /** Electron: no file (the main process shows its dialog). Browser: a file in the allowed folder. */
  openSqlite(file?: string, confirmForeign?: boolean): Promise<void>;
  createSqlite(file?: string): Promise<void>;
}

export function createSettingsStore(client: ApiClient, app: AppStore, onDatabaseChanged: () => void) {
  return createStore<SettingsState>()((set) => {
    const switchDatabase = async (busy: 'connect' | 'sqlite', what: string, call: () => Promise<AppInfo>) => {
      set({ busy, message: null });
      try {
        const info = await call();
        app.getState().setInfo(info);
        set({ message: `Now using ${info.database.description}.` });
        onDatabaseChanged();
      } catch (err) {
        app.getState().reportError(what, err);
      } finally {
        set({ busy: null });
      }
    };
    return {
      busy: null,
      testResult: null,
      message: null,
      async testPostgres(form) {
        set({ busy: 'test', testResult: null, message: null });
        try {
          const r = await client.call('database/test-postgres', form);
          set({ testResult: `Connection works (PostgreSQL ${r.server_version}).` });
        } catch (err) {
          app.getState().reportError('Testing the PostgreSQL connection', err);
        } finally {
          set({ busy: null });
        }
      },
      async connectPostgres(form) {
        await switchDatabase('connect', 'Connecting to PostgreSQL', () => client.call('database/connect-postgres', form));
      },
      async openSqlite(file, confirmForeign) {
        await switchDatabase('sqlite', 'Opening the SQLite file', () => client.call('database/open-sqlite', { ...(file ? { file } : {}), ...(confirmForeign ? { confirmForeign } : {}) }));
      },
      async createSqlite(file) {
        await switchDatabase('sqlite', 'Creating the SQLite database', () => client.call('database/create-sqlite', file ? { file } : {}));
      },
    };
  });
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
