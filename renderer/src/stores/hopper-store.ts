// The hopper of one campaign: what is queued, what could be, and why the rest cannot.
import { createStore } from 'zustand/vanilla';
import type { FillResult, HopperExplain, HopperStats } from '../../../shared/types/hopper';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

export interface HopperState {
  campaignId: number | null;
  stats: HopperStats | null;
  explain: HopperExplain | null;
  loading: boolean;
  filling: boolean;
  lastFill: FillResult | null;
  load(campaignId: number): Promise<void>;
  refresh(): Promise<void>;
  fill(): Promise<void>;
}

export function createHopperStore(client: ApiClient, app: AppStore) {
  let generation = 0;
  return createStore<HopperState>()((set, get) => {
    const fetchAll = async (campaignId: number) => {
      const mine = generation;
      const [stats, explain] = await Promise.all([
        client.call('hopper/stats', { campaignId }),
        client.call('hopper/explain', { campaignId }),
      ]);
      if (mine === generation) set({ stats, explain });
    };
    return {
      campaignId: null,
      stats: null,
      explain: null,
      loading: false,
      filling: false,
      lastFill: null,
      async load(campaignId) {
        generation += 1;
        set({ campaignId, stats: null, explain: null, lastFill: null, loading: true });
        try {
          await fetchAll(campaignId);
        } catch (err) {
          app.getState().reportError('Loading the hopper', err);
        } finally {
          if (get().campaignId === campaignId) set({ loading: false });
        }
      },
      async refresh() {
        const id = get().campaignId;
        if (id === null) return;
        try {
          await fetchAll(id);
        } catch (err) {
          app.getState().reportError('Refreshing the hopper', err);
        }
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
          app.getState().reportError('Filling the hopper', err);
        } finally {
          set({ filling: false });
        }
      },
    };
  });
}
export type HopperStore = ReturnType<typeof createHopperStore>;
