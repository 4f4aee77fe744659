// The Callbacks screen's state: pending callbacks (optionally of one campaign), cancel, schedule.
import { createStore } from 'zustand/vanilla';
import type { CallbackRow } from '../../../shared/types/callbacks';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';
import { busyRunner } from './busy-run';

export interface CallbacksState {
  campaignId: number | null;
  rows: CallbackRow[];
  busy: boolean;
  notice: string | null;
  load(campaignId: number | null): Promise<void>;
  cancel(id: number): Promise<void>;
  add(input: { leadId: number; dueAt: string; agent?: string; note?: string }): Promise<void>;
}

export function createCallbacksStore(client: ApiClient, app: AppStore) {
  return createStore<CallbacksState>()((set, get) => {
    const refresh = async () => {
      const campaignId = get().campaignId;
      set({ rows: await client.call('callbacks/list', campaignId === null ? {} : { campaignId }) });
    };
    const run = busyRunner(app, set);
    return {
      campaignId: null,
      rows: [],
      busy: false,
      notice: null,
      load: (campaignId) => {
        set({ campaignId, notice: null });
        return run('Loading callbacks', refresh);
      },
      cancel: (id) =>
        run('Cancelling the callback', async () => {
          await client.call('callbacks/cancel', { id });
          await refresh();
          set({ notice: `Callback ${id} cancelled.` });
        }),
      add: (input) =>
        run('Scheduling the callback', async () => {
          const row = await client.call('callbacks/add', input);
          await refresh();
          set({ notice: `Callback ${row.id} scheduled for lead ${row.lead_id}.` });
        }),
    };
  });
}
export type CallbacksStore = ReturnType<typeof createCallbacksStore>;
