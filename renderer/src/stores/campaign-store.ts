// The Campaign screen's state: the campaign's settings, a draft the supervisor edits (checked
// field by field as they type, by the same validator the service uses), what the draft would do
// to the hopper now, the recycle rules and the change history.
import { createStore } from 'zustand/vanilla';
import { checkCampaignPatch, checkWindow } from '../../../shared/campaign/validate-settings';
import type { CampaignChange, CampaignChangePreview, CampaignDetail, CampaignPatch, CampaignSettings, FieldProblem } from '../../../shared/types/campaign';
import type { Status } from '../../../shared/catalogue';
import type { ApiClient } from '../api/client';
import type { AppStore } from './app-store';
import { busyRunner } from './busy-run';

/** The form's fields as typed (text), lists as comma-separated words. */
export type Draft = Record<Exclude<keyof CampaignSettings, 'id'>, string | boolean>;

export interface CampaignScreenState {
  campaignId: number | null;
  detail: CampaignDetail | null;
  history: CampaignChange[];
  draft: Draft | null;
  problems: FieldProblem[];
  preview: CampaignChangePreview | null;
  busy: boolean;
  notice: string | null;
  load(campaignId: number): Promise<void>;
  edit(field: keyof Draft, value: string | boolean): void;
  previewChange(): Promise<void>;
  save(): Promise<void>;
  setRule(status: string, delay: string, max: string): Promise<void>;
  removeRule(status: string): Promise<void>;
  setListActive(listId: number, active: boolean): Promise<void>;
}

function draftOf(s: CampaignSettings): Draft {
  const { id: _id, ...rest } = s;
  const out: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(rest)) out[k] = typeof v === 'boolean' ? v : Array.isArray(v) ? v.join(', ') : String(v);
  return out as Draft;
}

const NUMERIC = new Set(['retry_delay_minutes', 'dropped_retry_delay_minutes', 'max_dial_attempts', 'hopper_target', 'new_every', 'agent_callback_minutes']);

/** The fields that differ from the saved settings, typed as the service takes them. */
export function patchOf(draft: Draft, saved: CampaignSettings): Record<string, unknown> {
  const base = draftOf(saved);
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft)) {
    if (v === base[k as keyof Draft]) continue;
    if (NUMERIC.has(k)) patch[k] = /^-?\d+$/.test(String(v).trim()) ? Number(String(v).trim()) : v;
    else if (k === 'recyclable_statuses') patch[k] = String(v).split(',').map((w) => w.trim()).filter((w) => w !== '');
    else patch[k] = typeof v === 'string' && k !== 'name' ? v.trim() : v;
  }
  return patch;
}

export function problemsOf(draft: Draft, saved: CampaignSettings): FieldProblem[] {
  const { problems } = checkCampaignPatch(patchOf(draft, saved));
  const window = checkWindow(String(draft.call_window_start), String(draft.call_window_end));
  return window && !problems.some((p) => p.field.startsWith('call_window')) ? [...problems, window] : problems;
}

export function createCampaignStore(client: ApiClient, app: AppStore) {
  return createStore<CampaignScreenState>()((set, get) => {
    const refresh = async (campaignId: number, keepDraft = false) => {
      const [detail, history] = await Promise.all([client.call('campaigns/settings', { campaignId }), client.call('campaigns/history', { campaignId })]);
      if (get().campaignId !== campaignId) return;
      set({ detail, history, ...(keepDraft ? {} : { draft: draftOf(detail.settings), problems: [], preview: null }) });
    };
    const runBusy = busyRunner(app, set);
    const run = async (context: string, fn: (campaignId: number) => Promise<void>) => {
      const id = get().campaignId;
      if (id !== null) await runBusy(context, () => fn(id));
    };
    return {
      campaignId: null,
      detail: null,
      history: [],
      draft: null,
      problems: [],
      preview: null,
      busy: false,
      notice: null,
      async load(campaignId) {
        set({ campaignId, detail: null, history: [], draft: null, problems: [], preview: null, notice: null });
        try {
          await refresh(campaignId);
        } catch (err) {
          app.getState().reportError('Loading the campaign', err);
        }
      },
      edit(field, value) {
        const { draft, detail } = get();
        if (!draft || !detail) return;
        const next = { ...draft, [field]: value };
        set({ draft: next, problems: problemsOf(next, detail.settings), preview: null, notice: null });
      },
      async previewChange() {
        const { draft, detail, problems } = get();
        if (!draft || !detail || problems.length > 0) return;
        await run('Previewing the change', async (campaignId) => {
          const patch = patchOf(draft, detail.settings) as CampaignPatch;
          if (Object.keys(patch).length === 0) {
            set({ notice: 'Nothing to preview: no setting changed.' });
            return;
          }
          set({ preview: await client.call('campaigns/preview-change', { campaignId, patch: patch as never }) });
        });
      },
      async save() {
        const { draft, detail, problems } = get();
        if (!draft || !detail || problems.length > 0) return;
        await run('Saving the campaign', async (campaignId) => {
          const patch = patchOf(draft, detail.settings);
          if (Object.keys(patch).length === 0) {
            set({ notice: 'Nothing to save: no setting changed.' });
            return;
          }
          const r = await client.call('campaigns/update', { campaignId, patch: patch as never });
          await refresh(campaignId);
          set({ notice: `Saved ${r.changes.length} change${r.changes.length === 1 ? '' : 's'}; ${r.hopper_removed.removed} hopper row${r.hopper_removed.removed === 1 ? '' : 's'} removed.` });
        });
      },
      async setRule(status, delay, max) {
        await run('Saving the recycle rule', async (campaignId) => {
          const r = await client.call('campaigns/set-recycle-rule', { campaignId, status, delay_minutes: Number(delay), max_attempts: Number(max) });
          await refresh(campaignId, true);
          set({ notice: `Rule for ${status} saved; ${r.hopper_removed.removed} hopper rows removed.` });
        });
      },
      async removeRule(status) {
        await run('Removing the recycle rule', async (campaignId) => {
          await client.call('campaigns/remove-recycle-rule', { campaignId, status: status as Status });
          await refresh(campaignId, true);
          set({ notice: `Rule for ${status} removed.` });
        });
      },
      async setListActive(listId, active) {
        await run('Changing the list', async (campaignId) => {
          const r = await client.call('lists/set-active', { listId, active });
          await refresh(campaignId, true);
          set({ notice: `List ${listId} ${active ? 'on' : 'off'}; ${r.hopper_removed.removed} hopper rows removed.` });
        });
      },
    };
  });
}
export type CampaignStore = ReturnType<typeof createCampaignStore>;
