// Reads and writes of leads, calls and audit rows that applying calls, the problem fixer and
// recycling share.
import { sql, type Expression } from 'kysely';
import type { Db, Dialect } from '../../db/dialect';
import { bulkInsert } from '../../db/query/bulk-insert';
import { executeForRows, executeRecurring, idsIn, idsInSet } from '../../db/query/batch-params';
import type { LeadStatusAuditTable } from '../../db/schema';
import { CALL_COLUMNS, TRACKING_FIELDS, trackingOf, type CallRow, type LeadRow, type LeadTracking } from './lead-tracking';

export const LEAD_COLUMNS = [
  'leads.id',
  'leads.list_id',
  'leads.phone',
  'leads.status',
  'leads.dial_attempts',
  'leads.answered_count',
  'leads.last_dial_attempt',
  'leads.dial_result',
  'leads.last_status_change',
  'leads.attempts_reset_at',
] as const;

export interface LeadScope {
  campaignId?: number;
  listId?: number;
}

/**
 * The leads in scope (a fix's progress total), counted without holding SQLite's thread (the app's
 * event loop) for long: `db` is the long-work handle, so the loop turns between statements, and
 * each statement counts a short range of the (list, status, last dial) index: one count(*) over a
 * large list blocks the thread for too long (docs/performance.md, "No statement over all the
 * leads"). Where the dialect says so (`listCount`: SQLite) a list is counted one status at a time;
 * PostgreSQL counts on the server, so one statement per list.
 */
export async function countLeads(db: Db, dialect: Dialect, scope: LeadScope): Promise<number> {
  let lists = db.selectFrom('lead_lists').select('id').orderBy('id');
  if (scope.listId !== undefined) lists = lists.where('id', '=', scope.listId);
  if (scope.campaignId !== undefined) lists = lists.where('campaign_id', '=', scope.campaignId);
  let total = 0;
  for (const { id } of await lists.execute()) {
    total += dialect.listCount === 'per-status' ? await countListByStatus(db, id) : await countList(db, id, 'all');
  }
  return total;
}

/** The leads of one list: all, those with no status, or those whose status sorts after a word. */
async function countList(db: Db, listId: number, which: 'all' | 'null' | { after: string }): Promise<number> {
  let q = db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', listId);
  if (which === 'null') q = q.where('status', 'is', null);
  else if (which !== 'all') q = q.where('status', '>', which.after);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Statuses counted one at a time before the rest of a list goes in one count (odd data: many distinct words). */
const STATUS_GROUPS_COUNTED_APART = 200;

async function countListByStatus(db: Db, listId: number): Promise<number> {
  let total = await countList(db, listId, 'null');
  let after: string | null = null;
  for (let groups = 0; ; groups++) {
    if (after !== null && groups === STATUS_GROUPS_COUNTED_APART) return total + (await countList(db, listId, { after }));
    // The index is in status order: SQLite stops at the end of the first group after `after`.
    const group = await db
      .selectFrom('leads')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .where('list_id', '=', listId)
      .where((eb) => (after === null ? eb('status', 'is not', null) : eb('status', '>', after)))
      .groupBy('status')
      .orderBy('status')
      .limit(1)
      .executeTakeFirst();
    if (!group) return total;
    total += Number(group.n);
    after = group.status!;
  }
}

export async function loadLeadsById(db: Db, dialect: Dialect, ids: readonly number[], lock = false): Promise<Map<number, LeadRow>> {
  const out = new Map<number, LeadRow>();
  const batch = idsIn(dialect, 'leads.id', [...new Set(ids)]);
  if (batch) {
    let q = db.selectFrom('leads').select(LEAD_COLUMNS).where(batch).orderBy('leads.id');
    if (lock) q = dialect.forUpdate(q);
    for (const row of (await executeRecurring(db, dialect, q)).rows as LeadRow[]) out.set(row.id, row);
  }
  return out;
}

/** Every call of the given leads, grouped by lead. */
export async function loadCallsByLead(db: Db, dialect: Dialect, leadIds: readonly number[]): Promise<Map<number, CallRow[]>> {
  const out = new Map<number, CallRow[]>();
  const leads = idsIn(dialect, 'lead_id', leadIds);
  if (leads) {
    const { rows } = await executeRecurring(db, dialect, db.selectFrom('call_logs').select(CALL_COLUMNS).where(leads));
    for (const row of rows) {
      const list = out.get(row.lead_id);
      if (list) list.push(row);
      else out.set(row.lead_id, [row]);
    }
  }
  return out;
}

/**
 * Writes the tracking columns of many leads, in as few statements as the dialect allows
 * (batch-params.ts): `UPDATE leads SET ... FROM <rows> AS v WHERE leads.id = +v.id`, which both
 * SQLite (3.33+) and PostgreSQL accept. `+v.id`: with a VALUES list, for some row counts
 * SQLite's planner scanned all of leads and probed v through an automatic index
 * (docs/performance.md, "Bulk lead updates"); with v.id an expression it can only walk v and look
 * each lead up by id.
 */
export async function updateLeadTrackingBulk(
  db: Db,
  dialect: Dialect,
  rows: readonly { id: number; tracking: LeadTracking }[],
): Promise<void> {
  const v = rows.map(({ id, tracking }) => ({ id, ...trackingOf(tracking) }));
  await executeForRows(
    db,
    dialect,
    'leads',
    ['id', ...TRACKING_FIELDS],
    v,
    (source) => sql`update leads set status = v.status, dial_attempts = v.dial_attempts, answered_count = v.answered_count,
        last_dial_attempt = v.last_dial_attempt, dial_result = v.dial_result, last_status_change = v.last_status_change
      from ${source} as v where leads.id = +v.id`,
  );
}

// `changed_by` is for manual changes only (lead-lookup/manual-actions.ts); every other writer leaves it NULL.
export type AuditInsert = Omit<LeadStatusAuditTable, 'id' | 'created_at' | 'changed_by'> & { created_at: string };

/** The audit columns, in the order a select handed to `insertAuditRowsFrom` must produce them. */
const AUDIT_COLUMNS = ['lead_id', 'old_status', 'new_status', 'source', 'operation_id', 'reason', 'created_at'] as const;

/** Audit rows computed in the database: `rows` selects AUDIT_COLUMNS, in that order. */
export async function insertAuditRowsFrom(db: Db, rows: Expression<unknown>): Promise<void> {
  await db.insertInto('lead_status_audit').columns(AUDIT_COLUMNS).expression(rows).execute();
}

export async function insertAuditRows(db: Db, dialect: Dialect, rows: readonly AuditInsert[]): Promise<void> {
  await bulkInsert(db, dialect, 'lead_status_audit', rows as unknown as Record<string, unknown>[]);
}

/**
 * Deletes the hopper rows of these leads (a dialed lead leaves the hopper). `queuedOnly`: keeps
 * the rows a dialer holds (`dialing`), for a sync, whose calls are older than the one ringing.
 */
export async function removeFromHopper(db: Db, dialect: Dialect, leadIds: readonly number[], queuedOnly = false): Promise<void> {
  const batch = idsInSet(dialect, 'lead_id', leadIds);
  if (!batch) return;
  const rows = db.deleteFrom('dialer_hopper').where(batch);
  await executeRecurring(db, dialect, queuedOnly ? rows.where('state', '=', 'queued') : rows);
}
