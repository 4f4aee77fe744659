// Kysely's SQLite driver prepares every query anew. Preparing costs about as much as running a
// small statement, and a dial result runs a dozen small ones, so the driver gets a database whose
// `prepare` keeps recent statements (better-sqlite3 statements are reusable) in a small LRU.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const MAX_STATEMENTS = 256;

export function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit) {
        // Map keeps insertion order: re-inserting marks it as most recently used.
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const statement = database.prepare(sqlText);
      cache.set(sqlText, statement);
      if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
      return statement;
    },
  } as unknown as SqliteDatabase;
}
