// Status changes, filtered by list, source, operation, lead, phone and dates, a page at a time
// (keyset: each page asks for the rows older than the last one shown); exportable to CSV.
import { createStore } from 'zustand/vanilla';
import type { InputOf } from '../../../shared/ipc/contract';
import type { AuditRow, AuditSource } from '../../../shared/types/audit';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

export interface AuditFilter {
  listId: number | null;
  source: AuditSource | null;
  operationId: string;
  /** As typed: a lead id. */
  leadId: string;
  phone: string;
  /** `YYYY-MM-DD`, local days, both included. */
  from: string;
  to: string;
}

export interface AuditState {
  /** The form, as typed. */
  filter: AuditFilter;
  /** The filter of the rows shown (the form as it was at the last "Apply"): pages and the CSV follow it. */
  applied: AuditFilter;
  rows: AuditRow[];
  /** The `beforeId` of every page before this one (empty: the newest page). */
  pages: number[];
  hasOlder: boolean;
  loading: boolean;
  exporting: boolean;
  setFilter(filter: Partial<AuditFilter>): void;
  /** The newest page of the filter. */
  load(): Promise<void>;
  older(): Promise<void>;
  newer(): Promise<void>;
  exportCsv(): Promise<{ filename: string; csv: string } | null>;
}

export const AUDIT_PAGE = 100;

/** The start of a local day as an instant; `next` gives the start of the day after. */
function dayStart(day: string, next = false): string | undefined {
  if (!/^\d{4}-\d\d-\d\d$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (next) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** The filter as the audit channels take it (what the table shows is what the CSV holds). */
export function auditInput(f: AuditFilter): Omit<InputOf<'audit/list'>, 'limit' | 'beforeId'> {
  const leadId = Number(f.leadId.trim());
  const from = dayStart(f.from);
  const to = dayStart(f.to, true);
  return {
    ...(f.listId !== null ? { listId: f.listId } : {}),
    ...(f.source ? { source: f.source } : {}),
    ...(f.operationId.trim() ? { operationId: f.operationId.trim() } : {}),
    ...(f.leadId.trim() && Number.isInteger(leadId) && leadId > 0 ? { leadId } : {}),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

export function createAuditStore(client: ApiClient, app: AppStore) {
  return createStore<AuditState>()((set, get) => {
    const show = async (pages: number[], applied = get().applied) => {
      set({ loading: true });
      try {
        const beforeId = pages.at(-1);
        const rows = await client.call('audit/list', { ...auditInput(applied), limit: AUDIT_PAGE + 1, ...(beforeId ? { beforeId } : {}) });
        set({ rows: rows.slice(0, AUDIT_PAGE), hasOlder: rows.length > AUDIT_PAGE, pages, applied });
      } catch (err) {
        app.getState().reportError('Loading the audit', err, 'audit');
      } finally {
        set({ loading: false });
      }
    };
    const empty: AuditFilter = { listId: null, source: null, operationId: '', leadId: '', phone: '', from: '', to: '' };
    return {
      filter: empty,
      applied: empty,
      rows: [],
      pages: [],
      hasOlder: false,
      loading: false,
      exporting: false,
      setFilter(filter) {
        set({ filter: { ...get().filter, ...filter } });
      },
      load: () => show([], get().filter),
      async older() {
        const last = get().rows.at(-1);
        if (last && get().hasOlder) await show([...get().pages, last.id]);
      },
      newer: () => show(get().pages.slice(0, -1)),
      async exportCsv() {
        set({ exporting: true });
        try {
          return await client.call('audit/export-csv', auditInput(get().applied));
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
