// The hopper of one campaign: what is queued, what could be, and why the rest cannot.
import { createStore } from 'zustand/vanilla';
import type { FillResult, HopperExplain, HopperStats } from '../../../shared/types/hopper';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';
import { keyedLoader } from './latest';

export interface HopperState {
  campaignId: number | null;
  stats: HopperStats | null;
  explain: HopperExplain | null;
  loading: boolean;
  filling: boolean;
  lastFill: FillResult | null;
  /** "What if it were…": the explain is asked at this ISO instant instead of now (null: now). */
  whatIf: string | null;
  load(campaignId: number): Promise<void>;
  setWhatIf(iso: string | null): Promise<void>;
  refresh(): Promise<void>;
  fill(): Promise<void>;
}

export function createHopperStore(client: ApiClient, app: AppStore) {
  return createStore<HopperState>()((set, get) => {
    const loader = keyedLoader({
      what: 'the hopper',
      key: () => get().campaignId,
      start: (campaignId: number) => set({ campaignId, stats: null, explain: null, lastFill: null, whatIf: null, loading: true }),
      fetch: (campaignId: number) => {
        const now = get().whatIf;
        return Promise.all([client.call('hopper/stats', { campaignId }), client.call('hopper/explain', { campaignId, ...(now ? { now } : {}) })]);
      },
      apply: ([stats, explain]) => set({ stats, explain }),
      setLoading: (loading) => set({ loading }),
      report: (context, err) => app.getState().reportError(context, err, 'hopper'),
    });
    return {
      campaignId: null,
      stats: null,
      explain: null,
      loading: false,
      filling: false,
      lastFill: null,
      whatIf: null,
      load: loader.load,
      refresh: loader.refresh,
      async setWhatIf(iso) {
        set({ whatIf: iso });
        await loader.refresh();
      },
      async fill() {
        const campaignId = get().campaignId;
        if (campaignId === null) return;
        set({ filling: true });
        try {
          const lastFill = await client.call('hopper/fill', { campaignId });
          set({ lastFill });
          await get().refresh();
        } catch (err) {
          app.getState().reportError('Filling the hopper', err, 'hopper');
        } finally {
          set({ filling: false });
        }
      },
    };
  });
}
export type HopperStore = ReturnType<typeof createHopperStore>;
