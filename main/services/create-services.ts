// Wires the services over one database handle and one clock: the CLI, the app and the tests
// all build them here, so every caller gets the same rules.
import type { DbHandle } from '../db/open-database';
import type { Clock } from '../db/time';
import { HopperService, type HopperOptions } from './hopper/hopper-service';
import { droppedRequeue } from './hopper/dropped-requeue';
import { AuditService } from './audit/audit-service';
import { CampaignService } from './campaigns/campaign-summaries';
import { LeadService } from './lead-lookup/lead-service';
import { CampaignSettingsService } from './campaigns/campaign-settings-service';
import { CallbacksService } from './callbacks/callbacks-service';
import { RecyclingService } from './recycling/recycling-service';
import { StatusService } from './status/status-service';
import { ImportsService } from './imports/imports-service';
import { DncService } from './dnc/dnc-service';
import { StatusWordsService } from './status-words/status-words-service';
import { ReportsService } from './reports/reports-service';
import { ProblemCounts } from './problems/problem-counts';

export interface Services {
  status: StatusService;
  hopper: HopperService;
  recycling: RecyclingService;
  campaigns: CampaignService;
  campaignSettings: CampaignSettingsService;
  callbacks: CallbacksService;
  audit: AuditService;
  leads: LeadService;
  imports: ImportsService;
  dnc: DncService;
  statusWords: StatusWordsService;
  reports: ReportsService;
  /** The recycling screen's problem counts per list, kept until the list changes. */
  problemCounts: ProblemCounts;
}

/**
 * The dial path: the status service applies every call, and a dropped result goes straight back
 * in the hopper in the same transaction (docs/domain.md "Applying a call to its lead", 7); the hopper hands its dial
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
  const dnc = new DncService(handle, clock);
  const statusWords = new StatusWordsService(handle, clock);
  const campaignSettings = new CampaignSettingsService(handle, clock);
  const callbacks = new CallbacksService(handle, clock);
  const problemCounts = new ProblemCounts(handle, clock, (listId, signal, onProgress) => status.findAndFix({ mode: 'report', listId, signal, onProgress }));
  // The live view counts problem leads through the recycling screen's kept counts (live-view.ts).
  const reports = new ReportsService(handle, clock, { countProblems: async (listId) => (await problemCounts.forList(listId)).total_issues });
  return { status, hopper, recycling, campaigns, campaignSettings, callbacks, audit, leads, imports, dnc, statusWords, reports, problemCounts };
}
