// Floors of the lead search and of the export: one statement each, the least the database must
// do for the same answer on the bench's data.
// - search by a whole phone: the leads whose phone key is that number (leads_by_phone_key);
// - search by the last 4 digits: the expression index of migration 0007, newest first;
// - search by "first last-prefix": newest first along the primary key, both pairings;
// each reading the 20 newest (SQLite told the index, as the search tells it) leads with their list and campaign, as the search returns them.
// - export: every lead of the list, the export's columns, in id order (no CSV, no paging).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { normalisePhone } from '../../shared/domain/phone';
import type { DbHandle } from '../../main/db/open-database';
import { EXPORT_COLUMNS } from '../../main/services/exports/export-leads';

const PAGE = 20;

async function newestWith(h: DbHandle, where: RawBuilder<SqlBool>, index?: string): Promise<number[]> {
  const rows = await sql<{ id: number }>`select l.id, l.list_id, l.phone, l.status, l.dial_attempts, l.first_name, l.last_name, l.created_at,
      ll.name as list_name, ll.campaign_id, c.name as campaign_name
    from leads l${index ? h.dialect.indexHint(index) : sql``} join lead_lists ll on ll.id = l.list_id join campaigns c on c.id = ll.campaign_id
    where ${where} order by l.id desc limit ${PAGE}`.execute(h.db);
  return rows.rows.map((r) => Number(r.id));
}

export const searchPhoneFloor = (h: DbHandle, query: string) => newestWith(h, sql<SqlBool>`l.phone_key = ${normalisePhone(query)}`, 'leads_by_phone_key');

export const searchLast4Floor = (h: DbHandle, digits: string) => newestWith(h, sql<SqlBool>`${h.dialect.lastChars(sql.ref('l.phone_key'), 4)} = ${digits}`, 'leads_phone_last4');

/** "First Last-prefix", either way round (the bench's names are ASCII: `like` is the prefix). */
export function searchNameFloor(h: DbHandle, query: string): Promise<number[]> {
  const [exact, prefix] = query.toLowerCase().split(/\s+/);
  return newestWith(
    h,
    sql<SqlBool>`((lower(l.first_name) = ${exact} and lower(l.last_name) like ${`${prefix}%`}) or (lower(l.last_name) = ${exact} and lower(l.first_name) like ${`${prefix}%`}))`,
  );
}

export async function exportFloor(h: DbHandle, listId: number): Promise<number> {
  const rows = await sql`select ${sql.join(EXPORT_COLUMNS.map((c) => sql.ref(c)))} from leads where list_id = ${listId} order by id`.execute(h.db);
  return rows.rows.length;
}
