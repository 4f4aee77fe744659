// Hand-written SQL floors for the breakdown, recycle, undo, hopper fill and explain: the least
// work a database must do to produce the same result, written directly against the tables
// (parameters bound, no service code), in as few statements as the result allows.
import { sql } from 'kysely';
import { HOPPER_PRIORITY } from '../../shared/types/hopper';
import { FINAL_STATUSES, STATUSES } from '../../shared/catalogue';
import type { DbHandle } from '../../main/db/open-database';
import { writeTransaction, type Db, type Dialect } from '../../main/db/dialect';

export async function breakdownFloor(h: DbHandle, listId: number): Promise<string> {
  const r = await sql<{ status: string | null; n: number }>`select status, count(*) as n from leads where list_id = ${listId} group by status`.execute(h.db);
  return fingerprintCounts(r.rows.map((x) => [x.status, Number(x.n)]));
}

export function fingerprintCounts(rows: [string | null, number][]): string {
  return rows
    .map(([k, n]) => `${k ?? 'NULL'}=${n}`)
    .sort()
    .join(',');
}

/** Recycle `statuses` of a list to `new` with a dial-count reset, audited, with undo rows. */
export async function recycleFloor(h: DbHandle, listId: number, statuses: readonly string[], nowIso: string, opId: string): Promise<number> {
  const { db, dialect } = h;
  const ts = sql.raw(dialect.timestampType);
  const words = sql.join(statuses);
  return writeTransaction(db, dialect, async (trx) => {
    await sql`insert into operations (id, kind, list_id, campaign_id, state, params, started_at)
      values (${opId}, 'recycle', ${listId}, null, 'running', '{}', cast(${nowIso} as ${ts}))`.execute(trx);
    await sql`insert into operation_leads (operation_id, lead_id, old_status, new_status, old_dial_attempts, new_dial_attempts,
        old_attempts_reset_at, new_attempts_reset_at, old_last_status_change, new_last_status_change)
      select ${opId}, id, status, 'new', dial_attempts, 0, attempts_reset_at, cast(${nowIso} as ${ts}), last_status_change, cast(${nowIso} as ${ts})
      from leads where list_id = ${listId} and status in (${words})`.execute(trx);
    await sql`insert into lead_status_audit (lead_id, old_status, new_status, source, operation_id, reason, created_at)
      select id, status, 'new', 'recycle', ${opId}, 'recycled; dial count reset', cast(${nowIso} as ${ts})
      from leads where list_id = ${listId} and status in (${words})`.execute(trx);
    const r = await sql`update leads set status = 'new', last_status_change = cast(${nowIso} as ${ts}), dial_attempts = 0,
        attempts_reset_at = cast(${nowIso} as ${ts})
      where list_id = ${listId} and status in (${words})`.execute(trx);
    await sql`update operations set state = 'done', finished_at = cast(${nowIso} as ${ts}) where id = ${opId}`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  });
}

/** Undo of an operation: every lead takes back its old values in one statement, audited. */
export async function undoFloor(h: DbHandle, opId: string, undoId: string, nowIso: string): Promise<number> {
  const { db, dialect } = h;
  const ts = sql.raw(dialect.timestampType);
  return writeTransaction(db, dialect, async (trx) => {
    // The "nothing changed since" check, as one join count.
    await sql`select count(*) from operation_leads o join leads l on l.id = o.lead_id
      where o.operation_id = ${opId} and (l.status is distinct from o.new_status or l.dial_attempts <> o.new_dial_attempts)`.execute(trx);
    await sql`insert into lead_status_audit (lead_id, old_status, new_status, source, operation_id, reason, created_at)
      select lead_id, new_status, old_status, 'undo', ${undoId}, 'undo', cast(${nowIso} as ${ts}) from operation_leads
      where operation_id = ${opId} and (old_status is null or old_status <> new_status)`.execute(trx);
    const r = await sql`update leads set status = o.old_status, dial_attempts = o.old_dial_attempts,
        attempts_reset_at = o.old_attempts_reset_at, last_status_change = o.old_last_status_change
      from operation_leads o where o.lead_id = leads.id and o.operation_id = ${opId}`.execute(trx);
    await sql`update operations set state = 'undone' where id = ${opId}`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  });
}

export interface FillFloorParams {
  campaignId: number;
  listIds: number[];
  dialable: string[];
  maxAttempts: number;
  retryCutoff: string;
  droppedCutoff: string;
  campaignTz: string;
  openTimezones: string[];
  need: number;
  nowIso: string;
}

/**
 * Fill floor: per tier (dropped first, then never dialed, then longest since last dial), one
 * UNION ALL of index-ordered streams per (list, status), `limit need` each, then one insert.
 */
export async function fillFloor(h: DbHandle, p: FillFloorParams): Promise<number[]> {
  const { db, dialect } = h;
  const ts = sql.raw(dialect.timestampType);
  return writeTransaction(db, dialect, async (trx) => {
    const picked: { id: number; status: string }[] = [];
    const others = p.dialable.filter((s) => s !== 'dropped');
    const tiers = [
      { statuses: p.dialable.includes('dropped') ? ['dropped'] : [], dialed: false },
      { statuses: p.dialable.includes('dropped') ? ['dropped'] : [], dialed: true },
      { statuses: others, dialed: false },
      { statuses: others, dialed: true },
    ];
    const tzs = sql.join(p.openTimezones);
    for (const tier of tiers) {
      const left = p.need - picked.length;
      if (left <= 0 || tier.statuses.length === 0) continue;
      const streams = [];
      for (const listId of p.listIds) {
        for (const status of tier.statuses) {
          const cutoff = status === 'dropped' ? p.droppedCutoff : p.retryCutoff;
          const range = tier.dialed ? sql`last_dial_attempt <= cast(${cutoff} as ${ts})` : sql`last_dial_attempt is null`;
          const order = tier.dialed ? sql`order by last_dial_attempt, id` : sql`order by id`;
          streams.push(sql`select * from (select id, status, last_dial_attempt from leads
            where list_id = ${listId} and status = ${status} and ${range} and dial_attempts < ${p.maxAttempts}
              and phone_key is not null and not exists (select 1 from dnc_numbers d where d.phone_key = leads.phone_key)
              and not exists (select 1 from dialer_hopper q where q.lead_id = leads.id)
              and coalesce(nullif(timezone, ''), ${p.campaignTz}) in (${tzs})
            ${order} limit ${left}) s`);
        }
      }
      const order = tier.dialed ? sql`order by last_dial_attempt, id` : sql`order by id`;
      const rows = await sql<{ id: number; status: string }>`select id, status from (${sql.join(streams, sql` union all `)}) u ${order} limit ${left}`.execute(trx);
      picked.push(...rows.rows);
    }
    await insertPicked(trx, dialect, p, picked);
    return picked.map((r) => r.id);
  });
}

/** The floors' one insert of the picked leads (dropped at high priority). */
export async function insertPicked(trx: Db, dialect: Dialect, p: FillFloorParams, picked: readonly { id: number; status: string }[]): Promise<void> {
  if (picked.length === 0) return;
  const ts = sql.raw(dialect.timestampType);
  const values = sql.join(
    picked.map((r) => sql`(${p.campaignId}, ${r.id}, 'queued', ${r.status === 'dropped' ? HOPPER_PRIORITY.high : HOPPER_PRIORITY.normal}, cast(${p.nowIso} as ${ts}))`),
  );
  await sql`insert into dialer_hopper (campaign_id, lead_id, state, priority, added_at) values ${values} on conflict (lead_id) do nothing`.execute(trx);
}

/**
 * Explain floor: every lead of the campaign's lists under the first rule that excludes it, as the
 * least SQL that gives the whole answer (the per-rule counts, eligible now, the leads per calling
 * zone), for the bench's campaigns (active, no recycle rules; a due callback is an `anyone` one):
 * 1. every lead counted per (list, status, timezone, dial count) along leads(list_id, status,
 *    timezone, dial_attempts), one statement for all lists, each group's rule by one CASE;
 * 2. the leads of a dialable status dialed after its cut-off (a range of the (list, status, last
 *    dial) index each), moved from their group's rule to the retry delay's;
 * 3. the leads on the DNC list (an index probe per number), with an unknown phone key, queued or
 *    with a due callback, moved from the rule 1–2 gave them to their own.
 */
export async function explainFloor(h: DbHandle, p: Omit<FillFloorParams, 'need'>): Promise<string> {
  const { db, dialect } = h;
  const ts = sql.raw(dialect.timestampType);
  const lists = sql.join(p.listIds);
  const zone = sql`coalesce(nullif(timezone, ''), ${p.campaignTz})`;
  const cutoff = sql`cast(case when status = 'dropped' then ${p.droppedCutoff} else ${p.retryCutoff} end as ${ts})`;
  const head = (overridden: ReturnType<typeof sql>) => sql`when status is not null and status in (${sql.join([...FINAL_STATUSES])}) then 'final_status'
    when ${overridden} and (status is null or status not in (${sql.join([...STATUSES])})) then 'problem_status'
    when ${overridden} and status not in (${sql.join(p.dialable)}) then 'not_recyclable_status'
    when ${overridden} and dial_attempts >= ${p.maxAttempts} then 'attempt_cap'`;
  const delayed = (overridden: ReturnType<typeof sql>) => sql`when ${overridden} and last_dial_attempt > ${cutoff} then 'retry_delay'`;
  const closed = sql`when ${zone} not in (${sql.join(p.openTimezones)}) then 'outside_calling_hours'`;
  const TRUE = sql`1 = 1`;
  const counts = new Map<string, number>();
  const zones = new Map<string, number>();
  const add = (rule: string | null, n: number) => counts.set(rule ?? 'eligible', (counts.get(rule ?? 'eligible') ?? 0) + n);

  const groups = await sql<{ rule: string | null; zone: string; n: number }>`select case ${head(TRUE)} ${closed} else null end as rule, ${zone} as zone, sum(n) as n
    from (select status, timezone, dial_attempts, count(*) as n from leads where list_id in (${lists})
      group by list_id, status, timezone, dial_attempts) g group by 1, 2`.execute(db);
  for (const g of groups.rows) {
    add(g.rule, Number(g.n));
    zones.set(g.zone, (zones.get(g.zone) ?? 0) + Number(g.n));
  }

  const ranges = p.dialable.map((s) => sql`select status, timezone, dial_attempts, last_dial_attempt from leads
    where list_id in (${lists}) and status = ${s} and last_dial_attempt > cast(${s === 'dropped' ? p.droppedCutoff : p.retryCutoff} as ${ts})`);
  const dialed = await sql<{ rule: string | null; before: string | null; n: number }>`select case ${head(TRUE)} ${delayed(TRUE)} ${closed} else null end as rule,
      case ${head(TRUE)} ${closed} else null end as before, count(*) as n
    from (${sql.join(ranges, sql` union all `)}) d group by 1, 2`.execute(db);
  for (const d of dialed.rows) {
    add(d.rule, Number(d.n));
    add(d.before, -Number(d.n));
  }

  const due = sql`(id in (select lead_id from callbacks where state = 'pending' and scope = 'anyone' and due_at <= cast(${p.nowIso} as ${ts})))`;
  const queued = sql`(id in (select lead_id from dialer_hopper))`;
  const onDnc = sql`(phone_key is null or phone_key in (select phone_key from dnc_numbers))`;
  const own = sql`case ${head(sql`not ${due}`)} ${delayed(sql`not ${due}`)} when ${onDnc} then 'dnc_phone' ${closed} when ${queued} then 'already_queued' else null end`;
  const grouped = sql`case ${head(TRUE)} ${delayed(TRUE)} ${closed} else null end`;
  // The few leads read one by one, found first without the list condition (with it inside, the
  // planner of PostgreSQL walked the campaign's leads for every DNC number), then kept to the lists.
  // On PostgreSQL each DNC number's leads are a lateral probe of the phone-key index: as a join,
  // at ten million leads and without sequential scans (floor-planner.ts), the planner walked every
  // lead for every number (still running after 11 minutes) to keep the union in id order.
  const dncLeads =
    dialect.name === 'postgres'
      ? sql`select l.id from (select distinct phone_key from dnc_numbers) d cross join lateral (select id from leads where phone_key = d.phone_key offset 0) l`
      : sql`select l.id from (select distinct phone_key from dnc_numbers) d cross join leads l where l.phone_key >= d.phone_key and l.phone_key <= d.phone_key`;
  const special = await sql<{ rule: string | null; before: string | null; n: number }>`with few as materialized (
      select id as lead_id from leads where phone_key is null
      union ${dncLeads}
      union select lead_id from dialer_hopper
      union select lead_id from callbacks where state = 'pending' and scope = 'anyone' and due_at <= cast(${p.nowIso} as ${ts}))
    select ${own} as rule, ${grouped} as before, count(*) as n
    from few join leads on leads.id = few.lead_id where leads.list_id in (${lists})
    group by 1, 2`.execute(db);
  for (const x of special.rows) {
    add(x.rule, Number(x.n));
    add(x.before, -Number(x.n));
  }
  // The campaign's inactive lists: explain counts their leads too, each one `list_inactive` (the
  // uniform dataset has none; the DELHI profile's demo has a 50,000-lead list turned off).
  const inactive = await sql<{ zone: string; n: number }>`select ${zone} as zone, count(*) as n from leads
    where list_id in (select id from lead_lists where campaign_id = ${p.campaignId} and active = ${dialect.bool(false)}) group by 1`.execute(db);
  for (const x of inactive.rows) {
    add('list_inactive', Number(x.n));
    zones.set(x.zone, (zones.get(x.zone) ?? 0) + Number(x.n));
  }
  return explainFingerprint(counts, zones);
}

/** Explain's answer as the bench compares it: the count per rule (and eligible now), the leads per calling zone. */
export function explainFingerprint(counts: ReadonlyMap<string, number>, zones: ReadonlyMap<string, number>): string {
  const rules = [...counts].filter(([, n]) => n !== 0).map(([r, n]) => `${r}=${n}`).sort();
  const perZone = [...zones].filter(([, n]) => n !== 0).map(([z, n]) => `${z}=${n}`).sort();
  return `${rules.join(',')} zones ${perZone.join(',')}`;
}
