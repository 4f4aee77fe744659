// Status changes, filtered by list, source and operation; exportable to CSV.
import { createStore } from 'zustand/vanilla';
import type { AuditRow, AuditSource } from '../../../shared/types/audit';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

export interface AuditFilter {
  listId: number | null;
  source: AuditSource | null;
  operationId: string;
}

export interface AuditState {
  filter: AuditFilter;
  rows: AuditRow[];
  loading: boolean;
  exporting: boolean;
  setFilter(filter: Partial<AuditFilter>): void;
  load(): Promise<void>;
  exportCsv(): Promise<{ filename: string; csv: string } | null>;
}

const PAGE = 200;

export function createAuditStore(client: ApiClient, app: AppStore) {
  return createStore<AuditState>()((set, get) => {
    const input = () => {
      const f = get().filter;
      return {
        ...(f.listId !== null ? { listId: f.listId } : {}),
        ...(f.source ? { source: f.source } : {}),
        ...(f.operationId.trim() ? { operationId: f.operationId.trim() } : {}),
      };
    };
    return {
      filter: { listId: null, source: null, operationId: '' },
      rows: [],
      loading: false,
      exporting: false,
      setFilter(filter) {
        set({ filter: { ...get().filter, ...filter } });
      },
      async load() {
        set({ loading: true });
        try {
          set({ rows: await client.call('audit/list', { ...input(), limit: PAGE }) });
        } catch (err) {
          app.getState().reportError('Loading the audit', err, 'audit');
        } finally {
          set({ loading: false });
        }
      },
      async exportCsv() {
        set({ exporting: true });
        try {
          return await client.call('audit/export-csv', input());
        } catch (err) {
          app.getState().reportError('Exporting the audit', err, 'audit');
          return null;
        } finally {
          set({ exporting: false });
        }
      },
    };
  });
}
export type AuditStore = ReturnType<typeof createAuditStore>;
