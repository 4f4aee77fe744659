// Callbacks and recycle rules written straight into their tables, as a dialer or script may.
import type { DbHandle } from '../../main/db/open-database';

export async function makeCallback(
  h: DbHandle,
  leadId: number,
  dueAt: string,
  extra: { scope?: 'anyone' | 'agent'; agent?: string | null; state?: 'pending' | 'done' | 'cancelled' } = {},
): Promise<number> {
  const row = await h.db
    .insertInto('callbacks')
    .values({ lead_id: leadId, due_at: dueAt, scope: extra.scope ?? 'anyone', agent: extra.agent ?? null, state: extra.state ?? 'pending', note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function callbackState(h: DbHandle, id: number) {
  return (await h.db.selectFrom('callbacks').select(['state', 'scope']).where('id', '=', id).executeTakeFirstOrThrow());
}

export async function makeRecycleRule(h: DbHandle, campaignId: number, status: string, delayMinutes: number, maxAttempts: number): Promise<void> {
  await h.db.insertInto('campaign_recycle_rules').values({ campaign_id: campaignId, status, delay_minutes: delayMinutes, max_attempts: maxAttempts }).execute();
}
