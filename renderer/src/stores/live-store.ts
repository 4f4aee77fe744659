// The live campaign view: one snapshot when the screen opens, then the `reports/live-updated`
// push event (main reads the database at most once per 5 s per campaign, whatever the number of
// windows; the renderer never polls).
import { createStore } from 'zustand/vanilla';
import type { LiveCampaignFigures, LiveView } from '../../../shared/types/reports';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';
import { latestOnly } from './latest';

export interface LiveState {
  /** Campaigns in the order main gave them (the first snapshot's), newer figures merged in. */
  campaigns: LiveCampaignFigures[];
  /** When the last figures (snapshot or event) were made. */
  updatedAt: string | null;
  loading: boolean;
  loaded: boolean;
  load(): Promise<void>;
}

/**
 * Figures of `incoming` over `current`, campaign by campaign: a campaign's newer figures win,
 * whichever arrived last (an event can overtake the snapshot's answer). With `replace`, campaigns
 * missing from `incoming` go (a full snapshot: a campaign deleted, another database).
 */
export function mergeLive(current: LiveCampaignFigures[], incoming: LiveCampaignFigures[], replace: boolean): LiveCampaignFigures[] {
  const byId = new Map(current.map((c) => [c.campaign_id, c]));
  const newer = (c: LiveCampaignFigures) => {
    const old = byId.get(c.campaign_id);
    return old && old.refreshed_at > c.refreshed_at ? old : c;
  };
  if (replace) return incoming.map(newer);
  const seen = new Set(incoming.map((c) => c.campaign_id));
  const updated = current.map((c) => (seen.has(c.campaign_id) ? newer(incoming.find((i) => i.campaign_id === c.campaign_id)!) : c));
  const added = incoming.filter((c) => !byId.has(c.campaign_id));
  return [...updated, ...added];
}

export function createLiveStore(client: ApiClient, app: AppStore) {
  const latest = latestOnly();
  const store = createStore<LiveState>()((set, get) => ({
    campaigns: [],
    updatedAt: null,
    loading: false,
    loaded: false,
    async load() {
      // A new snapshot (screen opened again, another database) outranks one still on its way.
      latest.restart();
      set({ loading: true });
      try {
        await latest.run(
          () => client.call('reports/live', {}),
          (view: LiveView) => set({ campaigns: mergeLive(get().campaigns, view.campaigns, true), updatedAt: view.generated_at, loaded: true }),
        );
      } catch (err) {
        app.getState().reportError('Loading the live view', err, 'live');
      } finally {
        set({ loading: false });
      }
    },
  }));
  client.on('reports/live-updated', (view) => {
    const state = store.getState();
    store.setState({ campaigns: mergeLive(state.campaigns, view.campaigns, false), updatedAt: view.generated_at });
  });
  return store;
}
export type LiveStore = ReturnType<typeof createLiveStore>;
