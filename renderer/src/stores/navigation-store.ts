// Which campaign, list and screen the supervisor is looking at.
import { createStore } from 'zustand/vanilla';
import type { CampaignSummary } from '../../../shared/types/status';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

import type { View } from './views';

export type { View } from './views';

export interface NavigationState {
  campaigns: CampaignSummary[];
  loading: boolean;
  /** The campaigns have been read at least once (an empty list then means an empty database). */
  loaded: boolean;
  campaignId: number | null;
  listId: number | null;
  view: View;
  loadCampaigns(): Promise<void>;
  selectCampaign(id: number): void;
  selectList(id: number): void;
  setView(view: View): void;
}

export function createNavigationStore(client: ApiClient, app: AppStore) {
  return createStore<NavigationState>()((set, get) => ({
    campaigns: [],
    loading: false,
    loaded: false,
    campaignId: null,
    listId: null,
    // The live campaign view is what a supervisor opens the console for (issue 18).
    view: 'live',
    async loadCampaigns() {
      set({ loading: true });
      try {
        const campaigns = await client.call('campaigns/list', {});
        const state = get();
        // Keep the current choice when it still exists, else the first list of the first campaign.
        const campaign = campaigns.find((c) => c.id === state.campaignId) ?? campaigns[0] ?? null;
        const list = campaign?.lists.find((l) => l.id === state.listId) ?? campaign?.lists[0] ?? null;
        set({ campaigns, loaded: true, campaignId: campaign?.id ?? null, listId: list?.id ?? null });
      } catch (err) {
        app.getState().reportError('Loading campaigns', err);
      } finally {
        set({ loading: false });
      }
    },
    selectCampaign(id) {
      const campaign = get().campaigns.find((c) => c.id === id);
      if (!campaign) return;
      const keep = campaign.lists.some((l) => l.id === get().listId);
      set({ campaignId: id, listId: keep ? get().listId : (campaign.lists[0]?.id ?? null) });
    },
    selectList(id) {
      const campaign = get().campaigns.find((c) => c.lists.some((l) => l.id === id));
      if (!campaign) return;
      // Screens about one list stay on that screen for the new list; the others open its recycling.
      const view = get().view;
      set({ campaignId: campaign.id, listId: id, view: view === 'import' || view === 'penetration' ? view : 'recycling' });
    },
    setView(view) {
      set({ view });
    },
  }));
}
export type NavigationStore = ReturnType<typeof createNavigationStore>;
