// The sync scenario and its floor. Setup (untimed) adds `count` unapplied call logs, one per
// lead, each later than every call the lead has. The floor applies them set-based: the rule of
// domain.md "Applying a call to its lead" for one call per lead, audit, DNC incidents, the
// calls marked applied, hopper rows removed and dropped leads re-queued.
import { sql } from 'kysely';
import { HOPPER_PRIORITY } from '../../shared/types/hopper';
import { bulkInsert, syncIdentity } from '../../main/db/query/bulk-insert';
import { writeTransaction } from '../../main/db/dialect';
import type { DbHandle } from '../../main/db/open-database';
import { seededRandom } from '../../main/demo/random';
import { BENCH_NOW, campaignOfList, listSizes } from '../dataset';
import { answeredList, callResultSql, mayChangeSql, normSql } from './sql-words';

const RESULTS = ['no_answer', 'busy', 'voicemail', 'dropped', 'contacted', 'sale', 'not_interested', null] as const;
const r = (s: string) => sql.raw(s);

export async function addUnappliedCalls(h: DbHandle, leads: number, count: number): Promise<void> {
  const { db, dialect } = h;
  const rand = seededRandom(99);
  const maxRow = await sql<{ m: number }>`select max(id) as m from call_logs`.execute(db);
  let id = Number(maxRow.rows[0].m);
  const base = Date.parse(BENCH_NOW) - 2 * 3_600_000;
  const sizes = listSizes(leads);
  const listOf = (leadId: number) => {
    let acc = 0;
    for (let i = 0; i < sizes.length; i++) if (leadId <= (acc += sizes[i])) return i + 1;
    return sizes.length;
  };
  // Generated and inserted 5,000 at a time: the child's peak RSS is the sync's figure, and 100,000
  // rows built at once (about 150 MB) made this setup, not the sync, the peak.
  const chunk = 5000;
  await writeTransaction(db, dialect, async (trx) => {
    for (let start = 0; start < count; start += chunk) {
      const rows: Record<string, unknown>[] = [];
      for (let i = start; i < Math.min(count, start + chunk); i++) {
        const leadId = 1 + Math.floor((i * leads) / count);
        const result = RESULTS[Math.floor(rand() * RESULTS.length)];
        id += 1;
        rows.push({
          id,
          call_uuid: `bench-sync-${id}`,
          lead_id: leadId,
          campaign_id: campaignOfList(listOf(leadId)),
          started_at: new Date(base + i).toISOString(),
          ended_at: null,
          duration_seconds: 30,
          result,
          hangup_cause: result === null ? '486' : null,
          agent: null,
          lead_synced_at: null,
        });
      }
      await bulkInsert(trx, dialect, 'call_logs', rows);
    }
  });
  await syncIdentity(db, dialect, 'call_logs');
}

export async function syncFloor(h: DbHandle, nowIso: string, maxAttempts: number, campaignTz: string, openTimezones: string[]): Promise<number> {
  const { db, dialect } = h;
  const ts = r(dialect.timestampType);
  const now = sql`cast(${nowIso} as ${ts})`;
  const create = dialect.name === 'postgres' ? sql`create temp table sync_plan on commit drop as` : sql`create temp table sync_plan as`;
  return writeTransaction(db, dialect, async (trx) => {
    const res = callResultSql(r('c.result'), r('c.hangup_cause'));
    await sql`${create} select c.id as call_id, c.call_uuid, l.id as lead_id, l.phone, l.phone_key, c.started_at as t, ${res} as res,
        l.status, ${normSql(r('l.status'))} as norm, l.last_dial_attempt, l.last_status_change
      from call_logs c join leads l on l.id = c.lead_id where c.lead_synced_at is null`.execute(trx);
    const newest = sql`(p.last_dial_attempt is null or p.t >= p.last_dial_attempt)`;
    const moves = sql`(${newest} and (p.last_status_change is null or p.t >= p.last_status_change) and ${mayChangeSql(r('p.norm'), r('p.res'))}
      and p.status is distinct from p.res)`;
    await sql`insert into lead_status_audit (lead_id, old_status, new_status, source, operation_id, reason, created_at)
      select p.lead_id, p.status, p.res, 'sync', null, 'call ' || p.call_uuid || ': ' || p.res, ${now} from sync_plan p where ${moves}`.execute(trx);
    await sql`insert into compliance_incidents (lead_id, call_uuid, phone, reason, created_at)
      select p.lead_id, p.call_uuid, p.phone, 'dnc_status', ${now} from sync_plan p where p.norm = 'dnc'
      union all
      select p.lead_id, p.call_uuid, p.phone, 'dnc_phone', ${now} from sync_plan p
        where exists (select 1 from dnc_numbers d where d.phone_key = p.phone_key)
      on conflict (call_uuid, reason) do nothing`.execute(trx);
    const n = await sql`update leads set dial_attempts = leads.dial_attempts + 1,
        answered_count = leads.answered_count + case when p.res in (${answeredList()}) then 1 else 0 end,
        last_dial_attempt = case when ${newest} then p.t else leads.last_dial_attempt end,
        dial_result = case when ${newest} then p.res else leads.dial_result end,
        status = case when ${moves} then p.res else leads.status end,
        last_status_change = case when ${moves} then p.t else leads.last_status_change end
      from sync_plan p where p.lead_id = leads.id`.execute(trx);
    await sql`update call_logs set lead_synced_at = ${now} where id in (select call_id from sync_plan)`.execute(trx);
    await sql`delete from dialer_hopper where lead_id in (select lead_id from sync_plan)`.execute(trx);
    // Dropped results go straight back in the hopper when still eligible (dropped retry delay 0).
    await sql`insert into dialer_hopper (campaign_id, lead_id, state, priority, added_at)
      select ll.campaign_id, l.id, 'queued', ${HOPPER_PRIORITY.high}, ${now} from sync_plan p
        join leads l on l.id = p.lead_id join lead_lists ll on ll.id = l.list_id
      where l.status = 'dropped' and l.dial_result = 'dropped' and l.dial_attempts < ${maxAttempts}
        and l.phone_key is not null and not exists (select 1 from dnc_numbers d where d.phone_key = l.phone_key)
        and coalesce(nullif(l.timezone, ''), ${campaignTz}) in (${sql.join(openTimezones)})
      on conflict (lead_id) do nothing`.execute(trx);
    if (dialect.name === 'sqlite') await sql`drop table sync_plan`.execute(trx);
    return Number(n.numAffectedRows ?? 0);
  });
}
