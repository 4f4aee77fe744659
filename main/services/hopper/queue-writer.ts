// Inserts hopper rows. `dialer_hopper.lead_id` is unique: a row that another filler (or the
// dialer) inserted first is skipped (on conflict do nothing), so a lead is never queued twice.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { HIGH_PRIORITY_STATUS } from '../../../shared/catalogue';
import { HOPPER_PRIORITY } from '../../../shared/types/hopper';
import type { Db, Dialect } from '../../db/dialect';
import { executeForRows, executeRecurring } from '../../db/query/batch-params';

export interface QueuedCounts {
  added: number;
  added_high_priority: number;
}

export async function queueLeads(
  trx: Db,
  dialect: Dialect,
  campaignId: number,
  leads: readonly { id: number; status: string | null; priority?: number }[],
  now: Date,
): Promise<QueuedCounts> {
  const addedAt = now.toISOString();
  const rows = leads.map((l) => ({ campaign_id: campaignId, lead_id: l.id, state: 'queued', priority: l.priority ?? priorityOf(l.status), added_at: addedAt }));
  // One statement text for any number of rows (batch-params.ts); `where true`: SQLite's parser
  // needs a WHERE before an upsert clause in an insert … select.
  const inserted = await executeForRows(
    trx,
    dialect,
    'dialer_hopper',
    ['campaign_id', 'lead_id', 'state', 'priority', 'added_at'],
    rows,
    (v) => sql<{ priority: number }>`insert into dialer_hopper (campaign_id, lead_id, state, priority, added_at)
      select v.campaign_id, v.lead_id, v.state, v.priority, v.added_at from ${v} as v where true
      on conflict (lead_id) do nothing returning priority`,
  );
  return { added: inserted.length, added_high_priority: inserted.filter((r) => Number(r.priority) === HOPPER_PRIORITY.high).length };
}

/** A dropped call is a person who answered and heard silence: it goes first. */
function priorityOf(status: string | null): number {
  return status === HIGH_PRIORITY_STATUS ? HOPPER_PRIORITY.high : HOPPER_PRIORITY.normal;
}

/** Which leads `queueSelected` queues: those of one status that `where` selects. */
export interface SelectedLeads {
  campaignId: number;
  status: string;
  where: RawBuilder<SqlBool>;
  now: Date;
}

/** The insert … select of queueSelected, returning the ids it queued. */
export function queueSelectedQuery(q: SelectedLeads): RawBuilder<{ lead_id: number }> {
  // SQLite: an insert … select with an upsert clause needs a WHERE in the select (it has one).
  return sql<{ lead_id: number }>`insert into dialer_hopper (campaign_id, lead_id, state, priority, added_at)
    select ${q.campaignId}, leads.id, 'queued', ${priorityOf(q.status)}, ${q.now.toISOString()} from leads
    where leads.status = ${q.status} and ${q.where}
    on conflict (lead_id) do nothing returning lead_id`;
}

/**
 * Queues the leads of one status that `where` selects, in one statement (insert … select): the
 * dropped re-queue of a dial result, where a select and then an insert cost a second round trip.
 * Returns the ids queued.
 */
export async function queueSelected(trx: Db, dialect: Dialect, q: SelectedLeads & { recurring: boolean }): Promise<number[]> {
  const query = queueSelectedQuery(q);
  // A text that recurs (one lead's re-queue in one campaign) goes as a named statement: PostgreSQL
  // then parses it once per connection instead of on every dropped call.
  const inserted = q.recurring ? await executeRecurring(trx, dialect, query) : await query.execute(trx);
  return inserted.rows.map((r) => Number(r.lead_id));
}

export async function countQueued(db: Db, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('dialer_hopper')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
