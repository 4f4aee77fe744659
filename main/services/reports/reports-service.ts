// The supervisor reports over one database and one clock (docs/reports.md): penetration of a
// list, a campaign's activity, the live view's cache, and each report as CSV.
import type { ActivityReport, PenetrationReport, ReportCsv } from '../../../shared/types/reports';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import { activityReport, type ActivityRequest } from './activity';
import { LiveViewCache, type LiveViewOptions } from './live-view';
import { penetrationReport } from './penetration';
import { activityTables, penetrationTables, reportCsv } from './report-csv';

export class ReportsService {
  readonly live: LiveViewCache;

  constructor(
    private readonly handle: DbHandle,
    private readonly clock: Clock,
    liveOptions: LiveViewOptions = {},
  ) {
    this.live = new LiveViewCache(handle, clock, liveOptions);
  }

  /** `now` ("what if"): the instant the eligibility and the calling windows are evaluated at. */
  async penetration(listId: number, now?: string | Date): Promise<PenetrationReport> {
    await this.phoneKeys();
    return penetrationReport(this.handle, listId, now === undefined ? this.clock() : new Date(now));
  }

  async activity(request: ActivityRequest): Promise<ActivityReport> {
    await this.phoneKeys();
    return activityReport(this.handle, request, this.clock());
  }

  async penetrationCsv(listId: number, now?: string | Date): Promise<ReportCsv> {
    const r = await this.penetration(listId, now);
    return reportCsv(`penetration-list-${r.list_id}-${r.now.slice(0, 10)}.csv`, penetrationTables(r));
  }

  async activityCsv(request: ActivityRequest): Promise<ReportCsv> {
    const r = await this.activity(request);
    return reportCsv(`activity-campaign-${r.campaign_id}-${r.from.slice(0, 10)}.csv`, activityTables(r));
  }

  // A read-only handle cannot fill phone keys; a lead whose key is unknown then counts as DNC (as hopper stats does).
  private async phoneKeys(): Promise<void> {
    if (!this.handle.target.readOnly) await ensurePhoneKeys(this.handle.db, this.handle.dialect);
  }
}
