// All stores over one injected client; the React tree reaches them through StoresContext.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/client';
import { createAppStore } from './app-store';
import { createAuditStore } from './audit-store';
import { createCallbacksStore } from './callbacks-store';
import { createCampaignStore } from './campaign-store';
import { createHopperStore } from './hopper-store';
import { createJobsStore } from './jobs-store';
import { createLeadStore } from './lead-store';
import { createMapWordStore } from './map-word-store';
import { createNavigationStore } from './navigation-store';
import { createRecyclingStore } from './recycling/recycling-store';
import { createSettingsStore } from './settings-store';
import { createIoStore } from './io-store';
import { createThemeStore } from './theme-store';
import { createLiveStore } from './live-store';
import { createPenetrationStore } from './penetration-store';
import { createActivityStore } from './activity-store';

export function createStores(client: ApiClient) {
  const app = createAppStore(client);
  const navigation = createNavigationStore(client, app);
  const recycling = createRecyclingStore(client, app);
  const hopper = createHopperStore(client, app);
  const jobs = createJobsStore(client, app);
  const audit = createAuditStore(client, app);
  const io = createIoStore(client, app);
  const live = createLiveStore(client, app);
  const penetration = createPenetrationStore(client, app);
  const activity = createActivityStore(client, app);
  const mapWord = createMapWordStore(client, app, () => void recycling.getState().refresh());
  const lead = createLeadStore(client, app, () => navigation.getState().setView('lead'));
  // A new database means every figure on screen is stale.
  const settings = createSettingsStore(client, app, () => {
    void navigation.getState().loadCampaigns();
    void jobs.getState().load();
    void live.getState().load();
  });
  const theme = createThemeStore();
  const campaign = createCampaignStore(client, app);
  const callbacks = createCallbacksStore(client, app);
  return { app, navigation, recycling, hopper, jobs, audit, settings, io, lead, mapWord, theme, campaign, callbacks, live, penetration, activity };
}
export type Stores = ReturnType<typeof createStores>;

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside StoresContext');
  return stores;
}

/** Select from one store of the context. */
export function useSlice<S, T>(pick: (stores: Stores) => StoreApi<S>, selector: (state: S) => T): T {
  return useStore(pick(useStores()), selector);
}
