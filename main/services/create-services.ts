// Wires the services over one database handle and one clock: the CLI, the app and the tests
// all build them here, so every caller gets the same rules.
import type { DbHandle } from '../db/open-database';
import type { Clock } from '../db/time';
import { HopperService } from './hopper/hopper-service';
import { AuditService } from './audit/audit-service';
import { CampaignService } from './campaigns/campaign-summaries';
import { CampaignSettingsService } from './campaigns/campaign-settings-service';
import { CallbacksService } from './callbacks/callbacks-service';
import { RecyclingService } from './recycling/recycling-service';
import type { StatusService } from './status/status-service';

export interface Services {
  status: StatusService;
  hopper: HopperService;
  recycling: RecyclingService;
  campaigns: CampaignService;
  campaignSettings: CampaignSettingsService;
  callbacks: CallbacksService;
  audit: AuditService;
}

export function createServices(handle: DbHandle, clock: Clock): Services {
  const hopper = new HopperService(handle, clock);
  // The hopper's status service: the one whose dropped results go straight back in the hopper
  // (domain.md, applying a call, 7).
  const status = hopper.status;
  const recycling = new RecyclingService(handle, clock);
  const campaigns = new CampaignService(handle);
  const audit = new AuditService(handle, clock);
  const campaignSettings = new CampaignSettingsService(handle, clock);
  const callbacks = new CallbacksService(handle, clock);
  return { status, hopper, recycling, campaigns, campaignSettings, callbacks, audit };
}
