// Floors of the lead search and of the export: one statement each, the least the database must
// do for the same answer on the bench's data.
// - search by a whole phone: the leads whose phone key is that number (leads_by_phone_key);
// - search by the last 4 digits: the expression index of migration 0007, newest first;
// - search by "first last-prefix": each pairing along its prefix column's index, newest first;
// each reading the 20 newest (SQLite told the index, as the search tells it) leads with their list and campaign, as the search returns them,
// sorted by `id + 0` as the search sorts (PostgreSQL would otherwise walk the primary key backwards past every newer lead).
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
    where ${where} order by l.id + 0 desc limit ${PAGE}`.execute(h.db);
  return rows.rows.map((r) => Number(r.id));
}

export const searchPhoneFloor = (h: DbHandle, query: string) => newestWith(h, sql<SqlBool>`l.phone_key = ${normalisePhone(query)}`, 'leads_by_phone_key');

/** Plain digits are also a lead id (search-query.ts): that lead joins the phone matches. */
export async function searchLast4Floor(h: DbHandle, digits: string): Promise<number[]> {
  const byPhone = await newestWith(h, sql<SqlBool>`${h.dialect.lastChars(sql.ref('l.phone_key'), 4)} = ${digits}`, 'leads_phone_last4');
  const byId = await newestWith(h, sql<SqlBool>`l.id = ${Number(digits)}`);
  return [...new Set([...byPhone, ...byId])].sort((a, b) => b - a).slice(0, PAGE);
}

/**
 * "First Last-prefix", either way round: each pairing along its prefix column's expression index
 * (migration 0007; the bench's last names are ids, so the prefix is the selective side), merged.
 */
export async function searchNameFloor(h: DbHandle, query: string): Promise<number[]> {
  const [exact, prefix] = query.toLowerCase().split(/\s+/);
  const lower = (column: string) => h.dialect.bytewise(sql`lower(${sql.ref(`l.${column}`)})`);
  const pair = (exactColumn: string, prefixColumn: string) =>
    newestWith(h, sql<SqlBool>`${lower(exactColumn)} = ${exact} and ${lower(prefixColumn)} >= ${prefix} and ${lower(prefixColumn)} < ${`${prefix}\u{10FFFF}`}`, `leads_${prefixColumn}_lower`);
  const ids = [...(await pair('first_name', 'last_name')), ...(await pair('last_name', 'first_name'))];
  return [...new Set(ids)].sort((a, b) => b - a).slice(0, PAGE);
}

export async function exportFloor(h: DbHandle, listId: number): Promise<number> {
  const rows = await sql`select ${sql.join(EXPORT_COLUMNS.map((c) => sql.ref(c)))} from leads where list_id = ${listId} order by id`.execute(h.db);
  return rows.rows.length;
}
