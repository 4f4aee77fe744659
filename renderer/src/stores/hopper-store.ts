// The hopper of one campaign: what is queued, what could be, and why the rest cannot.
import { createStore } from 'zustand/vanilla';
import type { FillResult, HopperExplain, HopperStats } from '../../../shared/types/hopper';
import { callCancellable } from '../api/cancellable';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';
import { keyedLoader } from './latest';

export interface HopperState {
  campaignId: number | null;
  stats: HopperStats | null;
  explain: HopperExplain | null;
  loading: boolean;
  /** The "why not eligible" counts are on their way (they read every lead of the campaign). */
  explaining: boolean;
  filling: boolean;
  lastFill: FillResult | null;
  /** "What if it were…": the explain is asked at this ISO instant instead of now (null: now). */
  whatIf: string | null;
  load(campaignId: number): Promise<void>;
  setWhatIf(iso: string | null): Promise<void>;
  refresh(): Promise<void>;
  fill(): Promise<void>;
  /** The screen is left: the explain on its way stops, on the server too. */
  leave(): void;
}

export function createHopperStore(client: ApiClient, app: AppStore) {
  return createStore<HopperState>()((set, get) => {
    const report = (context: string, err: unknown) => app.getState().reportError(context, err, 'hopper');
    // The figures come from the hopper's own rows (fast); the explain reads the whole campaign and
    // fills in when ready, never holding the figures back.
    let explaining: AbortController | null = null;
    const explainNow = async (campaignId: number) => {
      explaining?.abort();
      const run = new AbortController();
      explaining = run;
      set({ explaining: true });
      try {
        const now = get().whatIf;
        const explain = await callCancellable(client, 'hopper/explain', { campaignId, ...(now ? { now } : {}) }, run.signal);
        if (explaining === run && get().campaignId === campaignId) set({ explain });
      } catch (err) {
        if (!run.signal.aborted) report('Explaining the hopper', err);
      } finally {
        if (explaining === run) {
          explaining = null;
          set({ explaining: false });
        }
      }
    };
    const loader = keyedLoader({
      what: 'the hopper',
      key: () => get().campaignId,
      start: (campaignId: number) => set({ campaignId, stats: null, explain: null, lastFill: null, whatIf: null, loading: true }),
      // Eligible-now comes from the explain: counting it here too read the campaign twice.
      fetch: (campaignId: number) => client.call('hopper/stats', { campaignId, eligible: false }),
      apply: (stats) => set({ stats }),
      setLoading: (loading) => set({ loading }),
      report,
    });
    const withExplain = async (figures: Promise<void>) => {
      const campaignId = get().campaignId;
      const explained = campaignId === null ? Promise.resolve() : explainNow(campaignId);
      await Promise.all([figures, explained]);
    };
    return {
      campaignId: null,
      stats: null,
      explain: null,
      loading: false,
      explaining: false,
      filling: false,
      lastFill: null,
      whatIf: null,
      load: (campaignId) => withExplain(loader.load(campaignId)),
      refresh: () => withExplain(loader.refresh()),
      async setWhatIf(iso) {
        set({ whatIf: iso });
        const campaignId = get().campaignId;
        if (campaignId !== null) await explainNow(campaignId);
      },
      leave() {
        explaining?.abort();
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
