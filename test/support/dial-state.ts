// Everything dial results write about one lead, for tests that dial twin leads two ways and
// compare: without what differs between twins by construction (ids, and the call uuid's last
// part in the audit reason).
import type { DbHandle } from '../../main/db/open-database';

export async function dialStateOf(h: DbHandle, leadId: number) {
  const lead = await h.db
    .selectFrom('leads')
    .select(['status', 'dial_attempts', 'answered_count', 'last_dial_attempt', 'dial_result', 'last_status_change'])
    .where('id', '=', leadId)
    .executeTakeFirstOrThrow();
  const audit = await h.db.selectFrom('lead_status_audit').select(['old_status', 'new_status', 'source', 'reason']).where('lead_id', '=', leadId).orderBy('id').execute();
  const incidents = await h.db.selectFrom('compliance_incidents').select(['reason']).where('lead_id', '=', leadId).orderBy('id').execute();
  const hopper = await h.db.selectFrom('dialer_hopper').select(['state', 'priority']).where('lead_id', '=', leadId).execute();
  const calls = await h.db.selectFrom('call_logs').select(['started_at', 'result', 'lead_synced_at']).where('lead_id', '=', leadId).orderBy('started_at').orderBy('id').execute();
  // The reason names the call's uuid, whose last part says which twin it dialed.
  return { lead, audit: audit.map((r) => ({ ...r, reason: r.reason?.replace(/-\d+: /, ': ') })), incidents, hopper, calls };
}
