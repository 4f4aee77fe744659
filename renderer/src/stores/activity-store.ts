// A campaign's activity over a period (calls, outcomes per quarter hour, abandon rate, when it
// runs dry) and the report as CSV. No period means today so far, in the campaign's timezone.
import { createStore } from 'zustand/vanilla';
import type { ActivityReport } from '../../../shared/types/reports';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';
import { downloadCsv } from './download-csv';
import { keyedLoader } from './latest';

export interface Period {
  /** ISO instants; null: the report's default (from local midnight, to now). */
  from: string | null;
  to: string | null;
}

export interface ActivityState {
  campaignId: number | null;
  period: Period;
  report: ActivityReport | null;
  loading: boolean;
  exporting: boolean;
  load(campaignId: number): Promise<void>;
  setPeriod(period: Period): Promise<void>;
  refresh(): Promise<void>;
  exportCsv(): Promise<void>;
}

interface Key extends Period {
  campaignId: number;
}

export function createActivityStore(client: ApiClient, app: AppStore) {
  const report = (context: string, err: unknown) => app.getState().reportError(context, err, 'activity');
  return createStore<ActivityState>()((set, get) => {
    let key: Key | null = null;
    const input = (k: Key) => ({ campaignId: k.campaignId, ...(k.from ? { from: k.from } : {}), ...(k.to ? { to: k.to } : {}) });
    const loader = keyedLoader<Key, ActivityReport>({
      what: 'the activity report',
      key: () => key,
      start: (k) => {
        key = k;
        set({ campaignId: k.campaignId, period: { from: k.from, to: k.to }, report: null, loading: true });
      },
      fetch: (k) => client.call('reports/activity', input(k)),
      apply: (value) => set({ report: value }),
      setLoading: (loading) => set({ loading }),
      report,
    });
    return {
      campaignId: null,
      period: { from: null, to: null },
      report: null,
      loading: false,
      exporting: false,
      load: (campaignId) => loader.load({ campaignId, ...get().period }),
      async setPeriod(period) {
        const campaignId = get().campaignId;
        set({ period });
        if (campaignId !== null) await loader.load({ campaignId, ...period });
      },
      refresh: loader.refresh,
      async exportCsv() {
        const k = key;
        if (!k) return;
        await downloadCsv(() => client.call('reports/activity-csv', input(k)), (exporting) => set({ exporting }), (err) => report('Exporting the activity report', err));
      },
    };
  });
}
export type ActivityStore = ReturnType<typeof createActivityStore>;
