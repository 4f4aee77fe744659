// The saved aliases (`status_aliases`) as the catalogue reads them. Every reader of stored words
// (calls, sync, fix, breakdown, import, a lead's story) loads them here, once per run or
// transaction: the table holds a few words, and reading it fresh means an alias saved by one
// console applies to the next call any other console applies.
import { isStatus, readStatus, type SavedAliases, type Status } from '../../../shared/catalogue';
import type { Db, Dialect } from '../../db/dialect';
import { preparedQuery } from '../../db/query/prepared-query';

const readAliases = preparedQuery<object, { word: string; status: string }>((db) => db.selectFrom('status_aliases').select(['word', 'status']));

/** Rows whose status is not a catalogue word (written by hand) are ignored. */
export function aliasesFrom(rows: readonly { word: string; status: string }[]): SavedAliases {
  return new Map(rows.filter((r) => isStatus(r.status)).map((r) => [r.word, r.status as Status]));
}

export async function loadSavedAliases(db: Db, dialect: Dialect): Promise<SavedAliases> {
  return aliasesFrom((await readAliases(db, dialect, {})).rows);
}

/** The statement alone, for a caller that sends statements in batches (PostgreSQL's dial path). */
export function savedAliasesQuery(db: Db, dialect: Dialect) {
  return readAliases.bind(db, dialect, {});
}

/**
 * Whether saved aliases could change how these words read: only a word that is neither blank, a
 * catalogue word nor a built-in alias can be a saved one. Nearly every dial result is such a
 * word, so the dial path reads the table only when it meets an unknown one.
 */
export function mayNeedSavedAliases(words: Iterable<string | null | undefined>): boolean {
  for (const w of words) if (readStatus(w).form === 'unknown') return true;
  return false;
}

/** The saved aliases, read only when one of `words` may be one (mayNeedSavedAliases). */
export async function savedAliasesIfNeeded(db: Db, dialect: Dialect, words: Iterable<string | null | undefined>): Promise<SavedAliases | undefined> {
  return mayNeedSavedAliases(words) ? loadSavedAliases(db, dialect) : undefined;
}
