// Fill floor for the lead orders other than `default` (fill_cold has that one): dropped leads,
// then the rest, then one insert. `down` and `up` read each active list along leads(list_id, id)
// and merge the streams in one UNION ALL; `random` is one statement over the campaign's active
// lists, ordered by random() and limited; the orders an index can give
// (`down_count`, `up_count` on leads(list_id, status, dial_attempts, id), `up_last_call` on
// leads(list_id, status, last_dial_attempt, id)) read each (list, status) along it and merge the
// streams in one UNION ALL, as fillFloor does. The eligibility conditions are fillFloor's.
import { sql, type RawBuilder } from 'kysely';
import type { LeadOrder } from '../../shared/campaign/lead-orders';
import { writeTransaction } from '../../main/db/dialect';
import type { DbHandle } from '../../main/db/open-database';
import { insertPicked, type FillFloorParams } from './simple-floors';

type FloorOrder = Exclude<LeadOrder, 'default' | 'down_last_call'>;

const ORDER: Record<FloorOrder, RawBuilder<unknown>> = {
  down: sql`id`,
  up: sql`id desc`,
  down_count: sql`dial_attempts, id`,
  up_count: sql`dial_attempts desc, id`,
  up_last_call: sql`case when last_dial_attempt is null then 1 else 0 end, last_dial_attempt desc, id`,
  random: sql`random()`,
};

/** Streamed orders: their tiers, each a range of the index and the order along it. */
const STREAMED: Partial<Record<FloorOrder, { range: 'any' | 'dialed' | 'never'; order: string }[]>> = {
  down_count: [{ range: 'any', order: 'dial_attempts, id' }],
  up_count: [{ range: 'any', order: 'dial_attempts desc, id' }],
  up_last_call: [
    { range: 'dialed', order: 'last_dial_attempt desc, id' },
    { range: 'never', order: 'id' },
  ],
};

export async function orderedFillFloor(h: DbHandle, p: FillFloorParams, order: FloorOrder): Promise<number[]> {
  const { db, dialect } = h;
  const ts = sql.raw(dialect.timestampType);
  const tzs = sql.join(p.openTimezones);
  const eligible = sql`dial_attempts < ${p.maxAttempts}
    and phone_key is not null and not exists (select 1 from dnc_numbers d where d.phone_key = leads.phone_key)
    and not exists (select 1 from dialer_hopper q where q.lead_id = leads.id)
    and coalesce(nullif(timezone, ''), ${p.campaignTz}) in (${tzs})`;
  return writeTransaction(db, dialect, async (trx) => {
    const picked: { id: number; status: string }[] = [];
    const groups = [p.dialable.filter((s) => s === 'dropped'), p.dialable.filter((s) => s !== 'dropped')];
    for (const statuses of groups) {
      const tiers = STREAMED[order];
      if (order === 'down' || order === 'up') {
        // One stream per list along leads(list_id, id), merged (the service's way since 2026-12-06).
        const left = p.need - picked.length;
        if (left <= 0 || statuses.length === 0) continue;
        const streams = p.listIds.map(
          (listId) => sql`select * from (select id, status from leads where list_id = ${listId} and status in (${sql.join(statuses)})
            and (last_dial_attempt is null or last_dial_attempt <= cast(case when status = 'dropped' then ${p.droppedCutoff} else ${p.retryCutoff} end as ${ts}))
            and ${eligible} order by ${ORDER[order]} limit ${left}) s`,
        );
        const rows = await sql<{ id: number; status: string }>`select id, status from (${sql.join(streams, sql` union all `)}) u order by ${ORDER[order]} limit ${left}`.execute(trx);
        picked.push(...rows.rows);
        continue;
      }
      if (!tiers) {
        const left = p.need - picked.length;
        if (left <= 0 || statuses.length === 0) continue;
        const rows = await sql<{ id: number; status: string }>`select id, status from leads
          where list_id in (${sql.join(p.listIds)}) and status in (${sql.join(statuses)})
            and (last_dial_attempt is null or last_dial_attempt <= cast(case when status = 'dropped' then ${p.droppedCutoff} else ${p.retryCutoff} end as ${ts}))
            and ${eligible}
          order by ${ORDER[order]} limit ${left}`.execute(trx);
        picked.push(...rows.rows);
        continue;
      }
      for (const tier of tiers) {
        const left = p.need - picked.length;
        if (left <= 0 || statuses.length === 0) continue;
        const streams = p.listIds.flatMap((listId) =>
          statuses.map((status) => {
            const cutoff = sql`cast(${status === 'dropped' ? p.droppedCutoff : p.retryCutoff} as ${ts})`;
            const range =
              tier.range === 'never' ? sql`last_dial_attempt is null` : tier.range === 'dialed' ? sql`last_dial_attempt <= ${cutoff}` : sql`(last_dial_attempt is null or last_dial_attempt <= ${cutoff})`;
            return sql`select * from (select id, status, last_dial_attempt, dial_attempts from leads
              where list_id = ${listId} and status = ${status} and ${range} and ${eligible}
              order by ${sql.raw(tier.order)} limit ${left}) s`;
          }),
        );
        const rows = await sql<{ id: number; status: string }>`select id, status from (${sql.join(streams, sql` union all `)}) u order by ${sql.raw(tier.order)} limit ${left}`.execute(trx);
        picked.push(...rows.rows);
      }
    }
    await insertPicked(trx, dialect, p, picked);
    return picked.map((r) => r.id);
  });
}
