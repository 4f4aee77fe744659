// The lead search's SQL conditions, per database, in one place. Each condition comes in two
// spellings: `indexed`, written exactly as the migration's expression indexes (0007) so that the
// database answers from them; and `scanned`, the same test written so that no index applies
// (`|| ''`), for a walk of the primary key newest first that stops after one page. Each index the
// condition can be read from comes with the part of the condition that index holds (`key`), which
// the database counts from the index alone: how many leads a read along that index would visit.
// lead-search.ts picks the read from those counts.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../../db/dialect';
import type { NameColumn, NameMatcher } from './search-query';

/** Past every character a name can hold: `prefix + MAX_CHAR` bounds the names with that prefix. */
const MAX_CHAR = '\u{10FFFF}';

/** An index the condition can be read from, and the part of the condition it holds. */
export interface SearchWay {
  /** SQLite: the index to read (INDEXED BY), not the primary key's range. */
  index: string;
  /** True for every lead the condition holds for; tested on the index's entries alone. */
  key: RawBuilder<SqlBool>;
}

export interface SearchCondition {
  indexed: RawBuilder<SqlBool>;
  scanned: RawBuilder<SqlBool>;
  /**
   * The indexes it can be answered from: a name pair has two ("Lead 12" matches every `Lead` by
   * its first name, but few last names start with 12), the others one.
   */
  ways: SearchWay[];
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
  const ways: SearchWay[] =
    m.kind === 'prefix'
      ? [{ index: `leads_${m.column}_lower`, key: prefixOf(dialect, m.column, m.prefix, false) }]
      : [
          { index: `leads_${m.exactColumn}_lower`, key: sql<SqlBool>`${lowerName(dialect, m.exactColumn, false)} = lower(${m.exact})` },
          { index: `leads_${m.prefixColumn}_lower`, key: prefixOf(dialect, m.prefixColumn, m.prefix, false) },
        ];
  return { indexed: nameCondition(dialect, m, false), scanned: nameCondition(dialect, m, true), ways };
}

/** Leads whose normalised phone ends with `digits` (at least 4 of them). */
export function phoneSearch(dialect: Dialect, digits: string): SearchCondition {
  const last4 = digits.slice(-4);
  const lastDigits = dialect.lastChars(sql.ref('phone_key'), 4);
  const key = sql<SqlBool>`(${lastDigits} = ${last4})`;
  return {
    indexed: sql<SqlBool>`(${key} and phone_key like ${`%${digits}`})`,
    scanned: sql<SqlBool>`((phone_key || '') like ${`%${digits}`})`,
    ways: [{ index: 'leads_phone_last4', key }],
  };
}

const below = (beforeId: number | null) => (beforeId === null ? sql`` : sql` and id < ${beforeId}`);

/** The indexed spelling along its first index: at most `cap` ids, in no order (the audit's phone filter). */
export function probeQuery(dialect: Dialect, c: SearchCondition, cap: number) {
  return sql<{ id: number }>`select id from leads${dialect.indexHint(c.ways[0].index)} where ${c.indexed} limit ${cap}`;
}

/**
 * How many leads (below `beforeId`) a read along `way` visits, counted up to `cap`: the index's
 * entries that its key holds for, read from the index alone (no row is fetched on SQLite).
 */
export function candidateCountQuery(dialect: Dialect, way: SearchWay, beforeId: number | null, cap: number) {
  return sql<{ n: number }>`select count(*) as n from (select 1 from leads${dialect.indexHint(way.index)} where ${way.key}${below(beforeId)} limit ${cap}) candidates`;
}

/** The scanned spelling: newest first along the primary key, one page, among the newest `span` ids below `beforeId`. */
export function walkQuery(c: SearchCondition, beforeId: number | null, limit: number, span: number) {
  const range = beforeId === null ? sql`id >= (select max(id) from leads) - ${span}` : sql`id < ${beforeId} and id >= ${beforeId - span}`;
  return sql<{ id: number }>`select id from leads where ${c.scanned} and ${range} order by id desc limit ${limit}`;
}

/**
 * The indexed spelling along `way`, newest first, one page: the database sorts what the index
 * finds. `id + 0`: an order no index gives, so that PostgreSQL (no INDEXED BY) reads the index and
 * sorts, rather than walking the primary key backwards past every newer lead (2.4 s for "Lead 12"
 * at 1M leads, whose 11,111 candidates are all older than 870,000 others).
 */
export function sortedProbeQuery(dialect: Dialect, c: SearchCondition, beforeId: number | null, limit: number, way: SearchWay) {
  return sql<{ id: number }>`select id from leads${dialect.indexHint(way.index)} where ${c.indexed}${below(beforeId)} order by id + 0 desc limit ${limit}`;
}
