// Which database the console uses: open a SQLite file, or connect to PostgreSQL after a test.
import { createStore } from 'zustand/vanilla';
import type { AppInfo, InputOf } from '../../../shared/ipc/contract';
import { describeError, type ApiClient } from '../api/client';
import type { AppStore } from './app-store';

export type PostgresForm = InputOf<'database/connect-postgres'>;

export interface SettingsState {
  busy: 'test' | 'connect' | 'sqlite' | null;
  testResult: string | null;
  /** Why the PostgreSQL form failed (a test or a connect). Shown on the form only: the database in
   * use is still the one it was, so this is no reason for the global "Database unavailable". */
  formError: string | null;
  message: string | null;
  testPostgres(form: PostgresForm): Promise<void>;
  connectPostgres(form: PostgresForm): Promise<void>;
  /** Electron: no file (the main process shows its dialog). Browser: a file in the allowed folder. */
  openSqlite(file?: string, confirmForeign?: boolean): Promise<void>;
  createSqlite(file?: string): Promise<void>;
  /** The demo database, created the first time (an empty database's offer). */
  openDemo(): Promise<void>;
}

export function createSettingsStore(client: ApiClient, app: AppStore, onDatabaseChanged: () => void) {
  return createStore<SettingsState>()((set) => {
    const switchDatabase = async (busy: 'connect' | 'sqlite', call: () => Promise<AppInfo>, failed: (err: unknown) => void) => {
      set({ busy, message: null });
      try {
        const info = await call();
        app.getState().setInfo(info);
        set({ message: `Now using ${info.database.description}.` });
        onDatabaseChanged();
      } catch (err) {
        failed(err);
      } finally {
        set({ busy: null });
      }
    };
    const reportOnScreen = (what: string) => (err: unknown) => app.getState().reportError(what, err, 'settings');
    return {
      busy: null,
      testResult: null,
      formError: null,
      message: null,
      async testPostgres(form) {
        set({ busy: 'test', testResult: null, formError: null, message: null });
        try {
          const r = await client.call('database/test-postgres', form);
          set({ testResult: `Connection works (PostgreSQL ${r.server_version}).` });
        } catch (err) {
          set({ formError: `The test failed. ${describeError(err).message}` });
        } finally {
          set({ busy: null });
        }
      },
      async connectPostgres(form) {
        set({ testResult: null, formError: null });
        await switchDatabase(
          'connect',
          () => client.call('database/connect-postgres', form),
          // A failed switch leaves the console on the database it had.
          (err) => set({ formError: `Could not connect. ${describeError(err).message} The console still uses the database it had.` }),
        );
      },
      async openSqlite(file, confirmForeign) {
        await switchDatabase(
          'sqlite',
          () => client.call('database/open-sqlite', { ...(file ? { file } : {}), ...(confirmForeign ? { confirmForeign } : {}) }),
          reportOnScreen('Opening the SQLite file'),
        );
      },
      async openDemo() {
        // Reported on no screen in particular: the offer shows wherever the database is empty.
        await switchDatabase('sqlite', () => client.call('database/open-demo', {}), (err) => app.getState().reportError('Opening the demo database', err));
      },
      async createSqlite(file) {
        await switchDatabase('sqlite', () => client.call('database/create-sqlite', file ? { file } : {}), reportOnScreen('Creating the SQLite database'));
      },
    };
  });
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
