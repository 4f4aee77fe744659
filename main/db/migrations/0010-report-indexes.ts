// The supervisor reports (docs/reports.md) read a campaign's calls by time: a day's activity, the
// last 15/60 minutes and today of the live view, the 30-day abandon rate. (campaign_id,
// started_at) makes each a range of one index, and result and hangup_cause in it classify every
// call without touching the table (PostgreSQL answers with an index-only scan). Compliance
// incidents of today are a range of created_at. Nothing scans all calls for a day's view.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('call_logs_campaign_started').on('call_logs').columns(['campaign_id', 'started_at', 'result', 'hangup_cause']).execute();
  await db.schema.createIndex('compliance_incidents_created').on('compliance_incidents').columns(['created_at', 'lead_id']).execute();
}
