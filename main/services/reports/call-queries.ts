// A campaign's calls by `started_at`, each read a range of the (campaign_id, started_at, result,
// hangup_cause) index (migration 0010): grouped by what classifies them, never read one by one.
import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/dialect';
import { QUARTER_HOUR_SECONDS } from './report-period';

export interface CallGroup {
  result: string | null;
  hangup_cause: string | null;
  n: number;
}

function inPeriod(db: Db, campaignId: number, from: Date, to: Date) {
  return db
    .selectFrom('call_logs')
    .where('call_logs.campaign_id', '=', campaignId)
    .where('call_logs.started_at', '>=', from.toISOString())
    .where('call_logs.started_at', '<', to.toISOString());
}

/**
 * [from, to) cut into ranges of at most `spanMs`, read one statement each: on SQLite a report's
 * calls are read on the main connection beside the leads' count on the long-work thread, and a
 * day of calls is a short block where 30 days grouped in one statement held the thread 45 ms at
 * a million leads. The groups of two ranges may share a key: callers add them up.
 */
async function readInRanges<T>(from: Date, to: Date, spanMs: number, read: (from: Date, to: Date) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += spanMs) {
    out.push(...(await read(new Date(start), new Date(Math.min(start + spanMs, to.getTime())))));
  }
  return out;
}


/** The calls of [from, to) per (result, hangup cause); a pair may come once per range read. */
export async function callGroups(db: Db, dialect: Dialect, campaignId: number, from: Date, to: Date): Promise<CallGroup[]> {
  return readInRanges(from, to, dialect.callReadSpanMs, async (a, b) => {
    const rows = await inPeriod(db, campaignId, a, b)
      .select(['call_logs.result', 'call_logs.hangup_cause', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['call_logs.result', 'call_logs.hangup_cause'])
      .execute();
    return rows.map((r) => ({ result: r.result, hangup_cause: r.hangup_cause, n: Number(r.n) }));
  });
}

/** The calls of [from, to) per quarter hour (slice number since the epoch) and (result, hangup cause); a key may come once per range read. */
export async function callGroupsByQuarterHour(db: Db, dialect: Dialect, campaignId: number, from: Date, to: Date): Promise<(CallGroup & { slice: number })[]> {
  const slice = dialect.timeSlice(sql.ref('call_logs.started_at'), QUARTER_HOUR_SECONDS);
  return readInRanges(from, to, dialect.callReadSpanMs, async (a, b) => {
    const rows = await inPeriod(db, campaignId, a, b)
      .select([slice.as('slice'), 'call_logs.result', 'call_logs.hangup_cause', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy([sql.ref('slice'), 'call_logs.result', 'call_logs.hangup_cause'])
      .execute();
    return rows.map((r) => ({ slice: Number(r.slice), result: r.result, hangup_cause: r.hangup_cause, n: Number(r.n) }));
  });
}

/** How many calls the campaign made in [from, to): the dial rate of "runs dry". */
export async function callCount(db: Db, campaignId: number, from: Date, to: Date): Promise<number> {
  const row = await inPeriod(db, campaignId, from, to).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The live view's calls in one range read: since the earlier of local midnight and an hour ago, per
 * (result, hangup cause) and whether each call is in the last 15 minutes, the last hour, today.
 */
export async function recentCallGroups(
  db: Db,
  campaignId: number,
  at: { now: Date; since15: Date; since60: Date; today: Date },
): Promise<(CallGroup & { in15: number; in60: number; today: number })[]> {
  const from = new Date(Math.min(at.since60.getTime(), at.today.getTime()));
  const flag = (since: Date) => sql<number>`case when call_logs.started_at >= ${since.toISOString()} then 1 else 0 end`;
  const rows = await inPeriod(db, campaignId, from, new Date(at.now.getTime() + 1))
    .select([
      'call_logs.result',
      'call_logs.hangup_cause',
      flag(at.since15).as('in15'),
      flag(at.since60).as('in60'),
      flag(at.today).as('today'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    // By output name: the same CASE spelled twice would carry other parameter numbers on PostgreSQL.
    .groupBy(['call_logs.result', 'call_logs.hangup_cause', sql.ref('in15'), sql.ref('in60'), sql.ref('today')])
    .execute();
  return rows.map((r) => ({ result: r.result, hangup_cause: r.hangup_cause, in15: Number(r.in15), in60: Number(r.in60), today: Number(r.today), n: Number(r.n) }));
}
