// Which database the console uses: open a SQLite file, or connect to PostgreSQL after a test.
import { createStore } from 'zustand/vanilla';
import type { InputOf } from '../../../shared/ipc/contract';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

export type PostgresForm = InputOf<'database/connect-postgres'>;

export interface SettingsState {
  busy: 'test' | 'connect' | 'sqlite' | null;
  testResult: string | null;
  message: string | null;
  testPostgres(form: PostgresForm): Promise<void>;
  connectPostgres(form: PostgresForm): Promise<void>;
  openSqlite(file?: string): Promise<void>;
}

export function createSettingsStore(client: ApiClient, app: AppStore, onDatabaseChanged: () => void) {
  return createStore<SettingsState>()((set) => ({
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
      set({ busy: 'connect', message: null });
      try {
        const info = await client.call('database/connect-postgres', form);
        app.getState().setInfo(info);
        set({ message: `Now using ${info.database.description}.` });
        onDatabaseChanged();
      } catch (err) {
        app.getState().reportError('Connecting to PostgreSQL', err);
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
        app.getState().reportError('Opening the SQLite file', err);
      } finally {
        set({ busy: null });
      }
    },
  }));
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
