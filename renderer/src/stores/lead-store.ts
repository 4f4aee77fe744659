// One lead at a time: the search box's results, the lead on screen and the actions on it.
import { createStore } from 'zustand/vanilla';
import type { Status } from '../../../shared/catalogue';
import type { LeadSearchResult, LeadStory } from '../../../shared/types/leads';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';

export interface LeadState {
  query: string;
  results: LeadSearchResult | null;
  searching: boolean;
  leadId: number | null;
  story: LeadStory | null;
  loading: boolean;
  acting: boolean;
  /** The last action's outcome, shown beside the actions. */
  notice: string | null;
  setQuery(query: string): void;
  search(): Promise<void>;
  clearResults(): void;
  open(leadId: number): Promise<void>;
  reload(): Promise<void>;
  setStatus(status: Status, reason: string, overrideFinal: boolean): Promise<boolean>;
  resetAttempts(reason: string): Promise<boolean>;
  addPhoneToDnc(reason: string): Promise<boolean>;
  /** `dueAt` ISO; no agent: anyone's callback. */
  scheduleCallback(dueAt: string, agent: string, reason: string): Promise<boolean>;
}

export function createLeadStore(client: ApiClient, app: AppStore, showLeadScreen: () => void) {
  return createStore<LeadState>()((set, get) => {
    /** Runs one manual action, then reads the story again (the timeline shows the change). */
    const act = async (what: string, run: (leadId: number) => Promise<{ removed_from_hopper: boolean }>, done: string): Promise<boolean> => {
      const leadId = get().leadId;
      if (leadId === null) return false;
      set({ acting: true, notice: null });
      try {
        const r = await run(leadId);
        set({ notice: `${done}${r.removed_from_hopper ? ' It left the hopper.' : ''}` });
        await get().reload();
        return true;
      } catch (err) {
        app.getState().reportError(what, err);
        return false;
      } finally {
        set({ acting: false });
      }
    };
    return {
      query: '',
      results: null,
      searching: false,
      leadId: null,
      story: null,
      loading: false,
      acting: false,
      notice: null,
      setQuery(query) {
        set({ query });
      },
      async search() {
        const query = get().query.trim();
        if (query === '') return;
        set({ searching: true });
        try {
          set({ results: await client.call('leads/search', { query, limit: 20 }) });
        } catch (err) {
          app.getState().reportError('Searching for a lead', err);
        } finally {
          set({ searching: false });
        }
      },
      clearResults() {
        set({ results: null });
      },
      async open(leadId) {
        set({ leadId, story: null, notice: null, results: null });
        showLeadScreen();
        await get().reload();
      },
      async reload() {
        const leadId = get().leadId;
        if (leadId === null) return;
        set({ loading: true });
        try {
          const story = await client.call('leads/story', { leadId });
          if (get().leadId === leadId) set({ story });
        } catch (err) {
          app.getState().reportError(`Loading lead ${leadId}`, err);
        } finally {
          set({ loading: false });
        }
      },
      setStatus(status, reason, overrideFinal) {
        return act('Setting the status', (leadId) => client.call('leads/set-status', { leadId, status, reason, overrideFinal }), `Status set to ${status}.`);
      },
      resetAttempts(reason) {
        return act('Resetting dial attempts', (leadId) => client.call('leads/reset-attempts', { leadId, reason }), 'Dial attempts reset to 0.');
      },
      addPhoneToDnc(reason) {
        return act('Adding the phone to the DNC list', (leadId) => client.call('leads/add-phone-to-dnc', { leadId, reason }), 'Phone added to the DNC list.');
      },
      scheduleCallback(dueAt, agent, reason) {
        const who = agent.trim() === '' ? {} : { agent: agent.trim() };
        return act('Scheduling the callback', (leadId) => client.call('leads/schedule-callback', { leadId, dueAt, reason, ...who }), 'Callback scheduled.');
      },
    };
  });
}
export type LeadStore = ReturnType<typeof createLeadStore>;
