// Hand-written SQL floors for the supervisor reports (issue 18): the same figures from as few
// statements as they allow, for the bench dataset (no callbacks, no recycle rules, active
// campaigns and lists), with the closed vocabulary of sql-words.ts.
import { sql } from 'kysely';
import type { DbHandle } from '../../main/db/open-database';
import { ANSWERED_RESULTS, type Status } from '../../shared/catalogue';
import { callResultSql } from './sql-words';
import type { FillFloorParams } from './simple-floors';

const r = (s: string) => sql.raw(s);

/** Eligible leads of `listIds`, queued ones included, with these cut-offs: the hopper's rules spelled out. */
function dialableCount(h: DbHandle, p: Omit<FillFloorParams, 'need' | 'nowIso'>, listIds: readonly number[]) {
  const ts = r(h.dialect.timestampType);
  return sql<{ n: number }>`select count(*) as n from leads
    where list_id in (${sql.join(listIds)}) and status in (${sql.join(p.dialable)}) and dial_attempts < ${p.maxAttempts}
      and (last_dial_attempt is null or last_dial_attempt <= cast(case when status = 'dropped' then ${p.droppedCutoff} else ${p.retryCutoff} end as ${ts}))
      and phone_key is not null and not exists (select 1 from dnc_numbers d where d.phone_key = leads.phone_key)
      and coalesce(nullif(timezone, ''), ${p.campaignTz}) in (${sql.join(p.openTimezones)})`.execute(h.db);
}

/**
 * Penetration of one list: one aggregate per (status, timezone, attempts) in the order of the
 * leads_list_counts index (migration 0013: read alone and in order; grouping by the bucket's CASE
 * instead sorts every lead), the buckets here; one dialable count.
 */
export async function penetrationFloor(h: DbHandle, listId: number, p: FillFloorParams): Promise<string> {
  const groups = await sql<{ a: number; n: number }>`select status, timezone, dial_attempts as a, count(*) as n
    from leads${h.dialect.indexHint('leads_list_counts')} where list_id = ${listId} group by status, timezone, dial_attempts`.execute(h.db);
  const dialable = await dialableCount(h, p, [listId]);
  const leads = groups.rows.reduce((s, g) => s + Number(g.n), 0);
  const called = groups.rows.reduce((s, g) => s + (Number(g.a) > 0 ? Number(g.n) : 0), 0);
  return `leads=${leads} called=${called} dialable=${Number(dialable.rows[0].n)}`;
}

export interface ActivityFloorParams extends FillFloorParams {
  from: string;
  to: string;
  /** Start of the 30 days, of the last hour. */
  from30: string;
  lastHour: string;
  /** The cut-offs at the end of the campaign's local day. */
  endOfDay: { retryCutoff: string; droppedCutoff: string };
}

/** A campaign's activity: the period per quarter hour and outcome, 30 days per outcome, the last hour, the leads left today. */
export async function activityFloor(h: DbHandle, p: ActivityFloorParams): Promise<string> {
  const outcome = callResultSql(r('result'), r('hangup_cause'));
  const slice = h.dialect.timeSlice(r('started_at'), 900);
  const period = await sql<{ o: string; n: number }>`select ${slice} as q, ${outcome} as o, count(*) as n from call_logs
    where campaign_id = ${p.campaignId} and started_at >= ${p.from} and started_at < ${p.to} group by 1, 2`.execute(h.db);
  const month = await sql<{ o: string; n: number }>`select ${outcome} as o, count(*) as n from call_logs
    where campaign_id = ${p.campaignId} and started_at >= ${p.from30} and started_at < ${p.nowIso} group by 1`.execute(h.db);
  const hour = await sql<{ n: number }>`select count(*) as n from call_logs
    where campaign_id = ${p.campaignId} and started_at >= ${p.lastHour} and started_at < ${p.nowIso}`.execute(h.db);
  const left = await dialableCount(h, { ...p, ...p.endOfDay }, p.listIds);
  const isAnswered = (o: string) => ANSWERED_RESULTS.has(o as Status);
  const sum = (rows: { o: string; n: number }[], keep: (o: string) => boolean) => rows.reduce((s, x) => s + (keep(x.o) ? Number(x.n) : 0), 0);
  return [
    `calls=${sum(period.rows, () => true)}`,
    `answered=${sum(period.rows, isAnswered)}`,
    `dropped30=${sum(month.rows, (o) => o === 'dropped')}`,
    `answered30=${sum(month.rows, isAnswered)}`,
    `hour=${Number(hour.rows[0].n)}`,
    `left=${Number(left.rows[0].n)}`,
  ].join(' ');
}

/** The live view's fast figures of one campaign: the hopper by state, the recent calls by outcome and age, today's incidents. */
export async function liveRefreshFloor(h: DbHandle, campaignId: number, listIds: readonly number[], at: { now: string; since15: string; since60: string; today: string }): Promise<number[]> {
  const outcome = callResultSql(r('result'), r('hangup_cause'));
  const hopper = await sql<{ n: number }>`select state, count(*) as n from dialer_hopper where campaign_id = ${campaignId} group by state`.execute(h.db);
  const from = at.since60 < at.today ? at.since60 : at.today;
  const calls = await sql<{ n: number; in60: number }>`select ${outcome} as o,
      case when started_at >= ${at.since15} then 1 else 0 end as in15,
      case when started_at >= ${at.since60} then 1 else 0 end as in60,
      case when started_at >= ${at.today} then 1 else 0 end as today, count(*) as n
    from call_logs where campaign_id = ${campaignId} and started_at >= ${from} and started_at <= ${at.now} group by 1, 2, 3, 4`.execute(h.db);
  const incidents = await sql<{ n: number }>`select count(*) as n from compliance_incidents ci join leads l on l.id = ci.lead_id
    where ci.created_at >= ${at.today} and l.list_id in (${sql.join(listIds)})`.execute(h.db);
  const queued = hopper.rows.reduce((s, x) => s + Number(x.n), 0);
  const dials60 = calls.rows.reduce((s, x) => s + (Number(x.in60) === 1 ? Number(x.n) : 0), 0);
  return [queued, dials60, Number(incidents.rows[0].n)];
}
