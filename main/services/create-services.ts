// Wires the services over one database handle and one clock: the CLI, the app and the tests
// all build them here, so every caller gets the same rules.
import type { DbHandle } from '../db/open-database';
import type { Clock } from '../db/time';
import { HopperService, type HopperOptions } from './hopper/hopper-service';
import { droppedRequeue } from './hopper/dropped-requeue';
import { AuditService } from './audit/audit-service';
import { CampaignService } from './campaigns/campaign-summaries';
import { LeadService } from './lead-lookup/lead-service';
import { RecyclingService } from './recycling/recycling-service';
import { StatusService } from './status/status-service';
import { ImportsService } from './imports/imports-service';

export interface Services {
  status: StatusService;
  hopper: HopperService;
  recycling: RecyclingService;
  campaigns: CampaignService;
  audit: AuditService;
  leads: LeadService;
  imports: ImportsService;
}

/**
 * The dial path: the status service applies every call, and a dropped result goes straight back
 * in the hopper in the same transaction (domain.md, applying a call, 7); the hopper hands its dial
 * results to that status service.
 */
export function createDialPath(handle: DbHandle, clock: Clock, hopperOptions: HopperOptions = {}): { status: StatusService; hopper: HopperService } {
  const status = new StatusService(handle, clock, droppedRequeue(handle.dialect));
  const hopper = new HopperService(handle, clock, status, hopperOptions);
  return { status, hopper };
}

export function createServices(handle: DbHandle, clock: Clock): Services {
  const { status, hopper } = createDialPath(handle, clock);
  const recycling = new RecyclingService(handle, clock);
  const campaigns = new CampaignService(handle);
  const audit = new AuditService(handle, clock);
  const leads = new LeadService(handle, clock);
  const imports = new ImportsService(handle, clock);
  return { status, hopper, recycling, campaigns, audit, leads, imports };
}
