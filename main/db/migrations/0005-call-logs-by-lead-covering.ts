// The problem report and the fix read, per range of leads, how many calls each lead has, the
// latest start and how many were answered: lead_id, started_at and result. With result in the
// index those reads never touch the call_logs table (PostgreSQL answers them with an index-only
// scan; docs/performance.md, "Indexes the hot reads need"). It replaces the
// (lead_id, started_at) index, whose every use it serves as well: no extra index to write.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('call_logs_lead_calls').on('call_logs').columns(['lead_id', 'started_at', 'result']).execute();
  await db.schema.dropIndex('call_logs_lead_started').execute();
}
