// Which database the console uses: open a SQLite file, or connect to PostgreSQL after a test.
import { createStore } from 'zustand/vanilla';
import type { InputOf } from '../../../shared/ipc/contract';
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
  openSqlite(file?: string): Promise<void>;
}

export function createSettingsStore(client: ApiClient, app: AppStore, onDatabaseChanged: () => void) {
  return createStore<SettingsState>()((set) => ({
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
      set({ busy: 'connect', testResult: null, formError: null, message: null });
      try {
        const info = await client.call('database/connect-postgres', form);
        app.getState().setInfo(info);
        set({ message: `Now using ${info.database.description}.` });
        onDatabaseChanged();
      } catch (err) {
        // A failed switch leaves the console on the database it had.
        set({ formError: `Could not connect. ${describeError(err).message} The console still uses the database it had.` });
      } finally {
        set({ busy: null });
      }
    },
    async openSqlite(file) {
      set({ busy: 'sqlite', message: null });
      try {
        const info = await client.call('database/open-sqlite', file ? { file } : {});
        app.getState().setInfo(info);
        set({ message: `Now using ${info.database.description}.` });
        onDatabaseChanged();
      } catch (err) {
        app.getState().reportError('Opening the SQLite file', err, 'settings');
      } finally {
        set({ busy: null });
      }
    },
  }));
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
