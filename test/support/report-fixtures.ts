// Hand-built data for the report tests: calls written with their campaign, as the dial path does.
import type { DbHandle } from '../../main/db/open-database';
import { fixedClock, type Clock } from '../../main/db/time';
import { createServices } from '../../main/services/create-services';
import type { ReportsService } from '../../main/services/reports/reports-service';

let uuid = 0;

export async function makeCampaignCall(
  h: DbHandle,
  campaignId: number,
  leadId: number,
  startedAt: string,
  result: string | null,
  hangupCause: string | null = null,
): Promise<void> {
  await h.db
    .insertInto('call_logs')
    .values({ call_uuid: `report-${++uuid}`, lead_id: leadId, campaign_id: campaignId, started_at: startedAt, result, hangup_cause: hangupCause, lead_synced_at: startedAt })
    .execute();
}

/** `count` calls of one result, a minute apart from `from` (bulk: one insert). */
export async function makeCampaignCalls(h: DbHandle, campaignId: number, leadId: number, from: string, result: string, count: number): Promise<void> {
  if (count === 0) return;
  const start = Date.parse(from);
  await h.db
    .insertInto('call_logs')
    .values(
      Array.from({ length: count }, (_, i) => ({
        call_uuid: `report-${++uuid}`,
        lead_id: leadId,
        campaign_id: campaignId,
        started_at: new Date(start + i * 60_000).toISOString(),
        result,
        lead_synced_at: from,
      })),
    )
    .execute();
}

export function reportsAt(h: DbHandle, when: string | Clock): ReportsService {
  return createServices(h, typeof when === 'string' ? fixedClock(when) : when).reports;
}

/** A clock the test moves by hand. */
export function manualClock(iso: string) {
  let t = Date.parse(iso);
  const clock: Clock = () => new Date(t);
  return { clock, advance: (ms: number) => (t += ms), set: (when: string) => (t = Date.parse(when)) };
}
