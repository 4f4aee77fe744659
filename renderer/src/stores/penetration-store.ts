// Penetration of one list (its statuses, attempts, timezones), the penetration of each list of its
// campaign for the comparison chart, and the report as CSV. `now` asks "what if it were then".
import { createStore } from 'zustand/vanilla';
import type { PenetrationReport } from '../../../shared/types/reports';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';
import { downloadCsv } from './download-csv';
import { keyedLoader, latestOnly } from './latest';

export interface ListPenetration {
  list_id: number;
  list_name: string;
  leads: number;
  done: number;
  penetration: number;
}

export interface PenetrationState {
  listId: number | null;
  /** The "what if" time (ISO), null for now. */
  now: string | null;
  report: PenetrationReport | null;
  /** Every list of the campaign, for the per-list chart (loaded after the list's own report). */
  lists: ListPenetration[] | null;
  loading: boolean;
  exporting: boolean;
  load(listId: number, campaignListIds: number[]): Promise<void>;
  setNow(now: string | null): Promise<void>;
  refresh(): Promise<void>;
  exportCsv(): Promise<void>;
}

interface Key {
  listId: number;
  now: string | null;
}

export function createPenetrationStore(client: ApiClient, app: AppStore) {
  const report = (context: string, err: unknown) => app.getState().reportError(context, err, 'penetration');
  return createStore<PenetrationState>()((set, get) => {
    let campaignLists: number[] = [];
    let key: Key | null = null;
    const input = (k: Key) => ({ listId: k.listId, ...(k.now ? { now: k.now } : {}) });
    const perList = latestOnly();
    const loadLists = async (k: Key) => {
      perList.restart();
      try {
        await perList.run(
          () => Promise.all(campaignLists.map((listId) => client.call('reports/penetration', input({ listId, now: k.now })))),
          (reports) => set({ lists: reports.map((r) => ({ list_id: r.list_id, list_name: r.list_name, leads: r.totals.leads, done: r.done, penetration: r.penetration })) }),
        );
      } catch (err) {
        report("Loading the campaign's lists", err);
      }
    };
    const loader = keyedLoader<Key, PenetrationReport>({
      what: 'the penetration report',
      key: () => key,
      start: (k) => {
        key = k;
        set({ listId: k.listId, now: k.now, report: null, lists: null, loading: true });
      },
      fetch: (k) => client.call('reports/penetration', input(k)),
      apply: (value) => set({ report: value }),
      setLoading: (loading) => set({ loading }),
      report,
    });
    const loadAll = async (k: Key) => {
      await loader.load(k);
      if (key === k) await loadLists(k);
    };
    return {
      listId: null,
      now: null,
      report: null,
      lists: null,
      loading: false,
      exporting: false,
      async load(listId, campaignListIds) {
        campaignLists = campaignListIds;
        await loadAll({ listId, now: get().now });
      },
      async setNow(now) {
        const listId = get().listId;
        set({ now });
        if (listId !== null) await loadAll({ listId, now });
      },
      async refresh() {
        if (!key) return;
        await loader.refresh();
        await loadLists(key);
      },
      async exportCsv() {
        const k = key;
        if (!k) return;
        await downloadCsv(() => client.call('reports/penetration-csv', input(k)), (exporting) => set({ exporting }), (err) => report('Exporting the penetration report', err));
      },
    };
  });
}
export type PenetrationStore = ReturnType<typeof createPenetrationStore>;
