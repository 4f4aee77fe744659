// The lead search's SQL conditions, per database, in one place. Each condition comes in two
// spellings: `indexed`, written exactly as the migration's expression indexes (0007) so that the
// database answers from them; and `scanned`, the same test written so that no index applies
// (`|| ''`), for a walk of the primary key newest first that stops after one page. The first is
// right when few leads match, the second when many do (lead-search.ts picks).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../../db/dialect';
import type { NameColumn, NameMatcher } from './search-query';

/** Past every character a name can hold: `prefix + MAX_CHAR` bounds the names with that prefix. */
const MAX_CHAR = '\u{10FFFF}';

export interface SearchCondition {
  indexed: RawBuilder<SqlBool>;
  scanned: RawBuilder<SqlBool>;
  /** SQLite: the index the indexed spelling must use (INDEXED BY), not the primary key's range. */
  index: string;
  /**
   * Another index the same condition can be answered from (a name pair's prefix column), probed
   * when the first finds too many: "Lead 12" matches every `Lead` by its first name, but few last
   * names start with 12.
   */
  otherIndex?: string;
}

/** The lower-case column as the index holds it; `scanned` hides it from every index. */
function lowerName(dialect: Dialect, column: NameColumn, scanned: boolean): RawBuilder<string> {
  const expr = scanned ? sql`(lower(${sql.ref(column)}) || '')` : sql`lower(${sql.ref(column)})`;
  return dialect.bytewise(expr);
}

function prefixOf(dialect: Dialect, column: NameColumn, prefix: string, scanned: boolean): RawBuilder<SqlBool> {
  const col = lowerName(dialect, column, scanned);
  return sql<SqlBool>`(${col} >= lower(${prefix}) and ${col} < lower(${prefix + MAX_CHAR}))`;
}

function nameCondition(dialect: Dialect, m: NameMatcher, scanned: boolean): RawBuilder<SqlBool> {
  if (m.kind === 'prefix') return prefixOf(dialect, m.column, m.prefix, scanned);
  const exact = sql<SqlBool>`${lowerName(dialect, m.exactColumn, scanned)} = lower(${m.exact})`;
  return sql<SqlBool>`(${exact} and ${prefixOf(dialect, m.prefixColumn, m.prefix, scanned)})`;
}

export function nameSearch(dialect: Dialect, m: NameMatcher): SearchCondition {
  const column = m.kind === 'prefix' ? m.column : m.exactColumn;
  const other = m.kind === 'pair' ? { otherIndex: `leads_${m.prefixColumn}_lower` } : {};
  return { indexed: nameCondition(dialect, m, false), scanned: nameCondition(dialect, m, true), index: `leads_${column}_lower`, ...other };
}

/** Leads whose normalised phone ends with `digits` (at least 4 of them). */
export function phoneSearch(dialect: Dialect, digits: string): SearchCondition {
  const last4 = digits.slice(-4);
  const lastDigits = dialect.lastChars(sql.ref('phone_key'), 4);
  return {
    indexed: sql<SqlBool>`(${lastDigits} = ${last4} and phone_key like ${`%${digits}`})`,
    scanned: sql<SqlBool>`((phone_key || '') like ${`%${digits}`})`,
    index: 'leads_phone_last4',
  };
}

/** The indexed spelling's probe along `index` (default the condition's own): at most `cap` ids, in no order. */
export function probeQuery(dialect: Dialect, c: SearchCondition, beforeId: number | null, cap: number, index = c.index) {
  const before = beforeId === null ? sql`` : sql` and id < ${beforeId}`;
  const indexedBy = dialect.indexHint(index);
  return sql<{ id: number }>`select id from leads${indexedBy} where ${c.indexed}${before} limit ${cap}`;
}

/** The scanned spelling: newest first along the primary key, one page, among the newest `span` ids below `beforeId`. */
export function walkQuery(c: SearchCondition, beforeId: number | null, limit: number, span: number) {
  const range = beforeId === null ? sql`id >= (select max(id) from leads) - ${span}` : sql`id < ${beforeId} and id >= ${beforeId - span}`;
  return sql<{ id: number }>`select id from leads where ${c.scanned} and ${range} order by id desc limit ${limit}`;
}

/** The indexed spelling along `index`, newest first, one page: the database sorts what the index finds. */
export function sortedProbeQuery(dialect: Dialect, c: SearchCondition, beforeId: number | null, limit: number, index: string) {
  const before = beforeId === null ? sql`` : sql` and id < ${beforeId}`;
  return sql<{ id: number }>`select id from leads${dialect.indexHint(index)} where ${c.indexed}${before} order by id desc limit ${limit}`;
}
