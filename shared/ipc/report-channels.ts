// The channels of the supervisor reports (docs/reports.md), merged into the one contract
// (contract.ts). The live view is read once with `reports/live`, then follows the
// `reports/live-updated` push event.
import { z } from 'zod';
import type { ActivityReport, LiveView, PenetrationReport, ReportCsv } from '../types/reports';
import { Id, IsoTime } from './schemas';

const PenetrationRequest = z.object({ listId: Id, now: IsoTime.optional() }).strict();
/** from/to omitted: today so far (from local midnight in the campaign's timezone to now). */
const ActivityRequest = z.object({ campaignId: Id, from: IsoTime.optional(), to: IsoTime.optional() }).strict();

export const REPORT_CHANNELS = {
  'reports/penetration': PenetrationRequest,
  'reports/activity': ActivityRequest,
  'reports/live': z.object({}).strict(),
  'reports/penetration-csv': PenetrationRequest,
  'reports/activity-csv': ActivityRequest,
} as const satisfies Record<string, z.ZodType>;

export interface ReportChannelOutputs {
  'reports/penetration': PenetrationReport;
  'reports/activity': ActivityReport;
  'reports/live': LiveView;
  'reports/penetration-csv': ReportCsv;
  'reports/activity-csv': ReportCsv;
}

/** Push events of the reports: the live figures of the campaigns whose figures changed. */
export interface ReportPushEvents {
  'reports/live-updated': LiveView;
}
