// Fill floor for the lead orders other than `default` (fill_cold has that one): dropped leads,
// then the rest, each one statement over the campaign's active lists ordered by the lead order
// and limited, then one insert. The eligibility conditions are fillFloor's.
import { sql, type RawBuilder } from 'kysely';
import type { LeadOrder } from '../../shared/campaign/lead-orders';
import { writeTransaction } from '../../main/db/dialect';
import type { DbHandle } from '../../main/db/open-database';
import { insertPicked, type FillFloorParams } from './simple-floors';

const ORDER: Record<Exclude<LeadOrder, 'default' | 'down_last_call'>, RawBuilder<unknown>> = {
  down: sql`id`,
  up: sql`id desc`,
  down_count: sql`dial_attempts, id`,
  up_count: sql`dial_attempts desc, id`,
  up_last_call: sql`case when last_dial_attempt is null then 1 else 0 end, last_dial_attempt desc, id`,
  random: sql`random()`,
};

export async function orderedFillFloor(h: DbHandle, p: FillFloorParams, order: keyof typeof ORDER): Promise<number[]> {
  const { db, dialect } = h;
  const ts = sql.raw(dialect.timestampType);
  return writeTransaction(db, dialect, async (trx) => {
    const picked: { id: number; status: string }[] = [];
    const groups = [p.dialable.filter((s) => s === 'dropped'), p.dialable.filter((s) => s !== 'dropped')];
    for (const statuses of groups) {
      const left = p.need - picked.length;
      if (left <= 0 || statuses.length === 0) continue;
      const rows = await sql<{ id: number; status: string }>`select id, status from leads
        where list_id in (${sql.join(p.listIds)}) and status in (${sql.join(statuses)}) and dial_attempts < ${p.maxAttempts}
          and (last_dial_attempt is null or last_dial_attempt <= cast(case when status = 'dropped' then ${p.droppedCutoff} else ${p.retryCutoff} end as ${ts}))
          and phone_key is not null and not exists (select 1 from dnc_numbers d where d.phone_key = leads.phone_key)
          and not exists (select 1 from dialer_hopper q where q.lead_id = leads.id)
          and coalesce(nullif(timezone, ''), ${p.campaignTz}) in (${sql.join(p.openTimezones)})
        order by ${ORDER[order]} limit ${left}`.execute(trx);
      picked.push(...rows.rows);
    }
    await insertPicked(trx, dialect, p, picked);
    return picked.map((r) => r.id);
  });
}
