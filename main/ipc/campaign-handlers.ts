// The campaign and callback channels over the services. A change made from the console is
// recorded as made by the workstation's user (domain.md: `changed_by`).
import os from 'node:os';
import type { AppRuntime } from '../app/app-runtime';
import type { Handlers } from './handler-types';

function workstationUser(): string {
  try {
    return os.userInfo().username || 'console';
  } catch {
    return 'console';
  }
}

type CampaignChannels =
  | 'campaigns/settings'
  | 'campaigns/history'
  | 'campaigns/preview-change'
  | 'campaigns/update'
  | 'campaigns/set-recycle-rule'
  | 'campaigns/remove-recycle-rule'
  | 'lists/set-active'
  | 'callbacks/list'
  | 'callbacks/add'
  | 'callbacks/cancel';

export function campaignHandlers(runtime: AppRuntime): Pick<Handlers, CampaignChannels> {
  const s = () => runtime.services;
  return {
    'campaigns/settings': ({ campaignId }) => s().campaignSettings.show(campaignId),
    'campaigns/history': ({ campaignId }) => s().campaignSettings.history(campaignId),
    'campaigns/preview-change': ({ campaignId, patch }) => s().campaignSettings.preview(campaignId, patch),
    'campaigns/update': ({ campaignId, patch }) => s().campaignSettings.update(campaignId, patch, workstationUser()),
    'campaigns/set-recycle-rule': ({ campaignId, ...rule }) => s().campaignSettings.setRecycleRule(campaignId, rule, workstationUser()),
    'campaigns/remove-recycle-rule': ({ campaignId, status }) => s().campaignSettings.removeRecycleRule(campaignId, status, workstationUser()),
    'lists/set-active': ({ listId, active }) => s().campaignSettings.setListActive(listId, active, workstationUser()),
    'callbacks/list': (filter) => s().callbacks.list(filter),
    'callbacks/add': ({ leadId, dueAt, agent, note }) => s().callbacks.add({ lead_id: leadId, due_at: dueAt, agent, note }),
    'callbacks/cancel': ({ id }) => s().callbacks.cancel(id),
  };
}
