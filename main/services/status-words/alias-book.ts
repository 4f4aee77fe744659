// The saved aliases as a person manages them (domain.md "Status words a person resolves"): listed
// beside the built-in ones, saved, removed. A built-in alias or a catalogue word can never be
// saved or removed. Removing a saved alias changes no lead: it only stops the word reading as
// that status from then on.
import { builtInAliases, builtInStatusOf, isStatus, STATUSES, statusKey, type Status } from '../../../shared/catalogue';
import { ConsoleError, InputError } from '../../../shared/errors';
import type { StatusAlias } from '../../../shared/types/leads';
import type { Db } from '../../db/dialect';

const MAX_WORD = 64;

/** The key a word is saved under, or a clear refusal (blank, too long, built in). */
export function aliasWord(word: string): string {
  const key = statusKey(word ?? '');
  if (key === '') throw new InputError('A blank status is not a word: the fix sets it (to new, or from its calls).');
  if (key.length > MAX_WORD) throw new InputError(`A status word is at most ${MAX_WORD} characters (got ${key.length}).`);
  const builtIn = builtInStatusOf(key);
  if (builtIn !== null) {
    const what = key === builtIn ? 'a catalogue status' : `a built-in alias of ${builtIn}`;
    throw new ConsoleError('conflict', `"${key}" is ${what}; built-in words cannot be changed (the fix already writes them as ${builtIn}).`);
  }
  return key;
}

export function catalogueStatus(status: string): Status {
  if (!isStatus(status)) throw new InputError(`The target must be a catalogue status (${STATUSES.join(', ')}); got ${JSON.stringify(status)}.`);
  return status;
}

export async function listAliases(db: Db): Promise<StatusAlias[]> {
  const saved = await db.selectFrom('status_aliases').select(['word', 'status', 'created_at', 'created_by']).orderBy('word').execute();
  return [
    ...saved.filter((r) => isStatus(r.status)).map((r) => ({ word: r.word, status: r.status as Status, built_in: false, created_at: r.created_at, created_by: r.created_by })),
    ...builtInAliases()
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([word, status]) => ({ word, status, built_in: true, created_at: null, created_by: null })),
  ];
}

/** Saves (or re-points) a saved alias, inside the caller's transaction. */
export async function saveAlias(trx: Db, word: string, status: Status, user: string, nowIso: string): Promise<void> {
  const key = aliasWord(word);
  await trx
    .insertInto('status_aliases')
    .values({ word: key, status, created_at: nowIso, created_by: user })
    .onConflict((oc) => oc.column('word').doUpdateSet({ status, created_at: nowIso, created_by: user }))
    .execute();
}

export async function removeAlias(db: Db, word: string): Promise<StatusAlias> {
  const key = aliasWord(word);
  const row = await db.deleteFrom('status_aliases').where('word', '=', key).returning(['word', 'status', 'created_at', 'created_by']).executeTakeFirst();
  if (!row) throw new ConsoleError('not_found', `"${key}" is not a saved alias.`);
  return { word: row.word, status: row.status as Status, built_in: false, created_at: row.created_at, created_by: row.created_by };
}
