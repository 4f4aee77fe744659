// Has anything that decides a list's problem classes changed since its counts were taken? Read
// from high-water marks that cost an index probe each (the newest call, audit row and lead, the
// operations of the list, the saved aliases, the calls not yet applied), then, only when a mark
// moved, whether the rows beyond it belong to this list: a call on another list leaves the counts
// of this one standing.
import { sql } from 'kysely';
import type { Db } from '../../db/dialect';

export interface ChangeMarks {
  callId: number;
  auditId: number;
  leadId: number;
  /** Operations of the list (and of no list: a campaign's fix): how many, newest start and end. */
  operations: string;
  /** Saved aliases (they turn an unknown word into a known one): how many, newest. */
  aliases: string;
  /** Calls not yet applied, all lists: the sync applying one changes its lead without an audit row. */
  unapplied: number;
}

const num = (v: unknown) => Number(v ?? 0);

export async function readChangeMarks(db: Db, listId: number): Promise<ChangeMarks> {
  const maxes = await sql<{ c: number | null; a: number | null; l: number | null }>`select
      (select max(id) from call_logs) as c,
      (select max(id) from lead_status_audit) as a,
      (select max(id) from leads) as l`.execute(db);
  const ops = await db
    .selectFrom('operations')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('started_at').as('s'), eb.fn.max('finished_at').as('f')])
    .where((eb) => eb.or([eb('list_id', '=', listId), eb('list_id', 'is', null)]))
    .executeTakeFirst();
  const aliases = await db
    .selectFrom('status_aliases')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('at')])
    .executeTakeFirst();
  const unapplied = await db
    .selectFrom('call_logs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lead_synced_at', 'is', null)
    .executeTakeFirst();
  const m = maxes.rows[0];
  return {
    callId: num(m?.c),
    auditId: num(m?.a),
    leadId: num(m?.l),
    operations: `${num(ops?.n)}|${String(ops?.s ?? '')}|${String(ops?.f ?? '')}`,
    aliases: `${num(aliases?.n)}|${String(aliases?.at ?? '')}`,
    unapplied: num(unapplied?.n),
  };
}

/** True when something between `kept` and `now` may change the list's problem classes. */
export async function listChanged(db: Db, listId: number, kept: ChangeMarks, now: ChangeMarks): Promise<boolean> {
  if (kept.operations !== now.operations || kept.aliases !== now.aliases || kept.unapplied !== now.unapplied) return true;
  // Rows after a mark, and on this list: each walks only what was added since (by primary key).
  if (now.leadId > kept.leadId) {
    const row = await db.selectFrom('leads').select('id').where('id', '>', kept.leadId).where('id', '<=', now.leadId).where('list_id', '=', listId).limit(1).executeTakeFirst();
    if (row) return true;
  }
  if (now.callId > kept.callId && (await rowOfListAfter(db, 'call_logs', listId, kept.callId, now.callId))) return true;
  if (now.auditId > kept.auditId && (await rowOfListAfter(db, 'lead_status_audit', listId, kept.auditId, now.auditId))) return true;
  return false;
}

/** A row of `table` with `after < id <= upTo` whose lead is on the list (the table's id, then the lead's, by primary key). */
async function rowOfListAfter(db: Db, table: 'call_logs' | 'lead_status_audit', listId: number, after: number, upTo: number): Promise<boolean> {
  const found = await sql`select 1 as x from ${sql.table(table)} r join leads l on l.id = r.lead_id
    where r.id > ${after} and r.id <= ${upTo} and l.list_id = ${listId} limit 1`.execute(db);
  return found.rows.length > 0;
}
