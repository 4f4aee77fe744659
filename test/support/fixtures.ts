// Small builders for test data, written through the same integration surface a dialer uses.
import type { Db } from '../../main/db/dialect';
import type { DbHandle } from '../../main/db/open-database';

export interface LeadSeed {
  status?: string | null;
  dial_attempts?: number;
  answered_count?: number;
  last_dial_attempt?: string | null;
  dial_result?: string | null;
  last_status_change?: string | null;
  attempts_reset_at?: string | null;
  phone?: string;
  timezone?: string | null;
}

export async function makeCampaign(h: DbHandle, name = 'Solar', extra: Record<string, unknown> = {}): Promise<number> {
  const row = await h.db.insertInto('campaigns').values({ name, ...extra } as never).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function makeList(h: DbHandle, campaignId: number, name = 'List A', active = true): Promise<number> {
  const row = await h.db
    .insertInto('lead_lists')
    .values({ campaign_id: campaignId, name, active: h.dialect.bool(active) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let phoneCounter = 5550000;
export async function makeLead(h: DbHandle, listId: number, seed: LeadSeed = {}): Promise<number> {
  const row = await h.db
    .insertInto('leads')
    .values({
      list_id: listId,
      phone: seed.phone ?? `+1 (212) ${phoneCounter++}`,
      first_name: 'Test',
      last_name: 'Lead',
      timezone: seed.timezone ?? null,
      status: seed.status === undefined ? 'new' : seed.status,
      dial_attempts: seed.dial_attempts ?? 0,
      answered_count: seed.answered_count ?? 0,
      last_dial_attempt: seed.last_dial_attempt ?? null,
      dial_result: seed.dial_result ?? null,
      last_status_change: seed.last_status_change ?? null,
      attempts_reset_at: seed.attempts_reset_at ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let uuidCounter = 0;
export async function makeCall(
  h: DbHandle,
  leadId: number,
  startedAt: string,
  result: string | null,
  extra: { hangup_cause?: string | null; synced?: string | null; call_uuid?: string } = {},
): Promise<string> {
  const callUuid = extra.call_uuid ?? `call-${++uuidCounter}-${leadId}`;
  await h.db
    .insertInto('call_logs')
    .values({
      call_uuid: callUuid,
      lead_id: leadId,
      started_at: startedAt,
      result,
      hangup_cause: extra.hangup_cause ?? null,
      lead_synced_at: extra.synced ?? null,
    })
    .execute();
  return callUuid;
}

export async function getLead(db: Db, id: number) {
  return db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** An hour of the test day, as the ISO timestamp the database stores. */
export function at(hour: number, minute = 0): string {
  return new Date(Date.UTC(2026, 10, 24, hour, minute)).toISOString();
}
