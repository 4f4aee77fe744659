// A set of text keys too large to hold in memory: a private temporary SQLite database on disk
// (an empty file name: SQLite deletes it when it closes), whose page cache is capped, so that the
// set's memory stays the same whether it holds a thousand keys or ten million. Used by the
// import's dry run, which must remember every phone of the file without writing the user's
// database (main/services/imports/). Whatever database the console runs on, this is a scratch.
import BetterSqlite3 from 'better-sqlite3';

/** Pages kept in memory: 2 MB at SQLite's default page size. */
const CACHE_KIB = 2048;

export class ScratchKeySet {
  private readonly db = new BetterSqlite3('');
  private readonly lookUp;
  private readonly insert;
  private open = true;

  constructor() {
    this.db.pragma(`cache_size = -${CACHE_KIB}`);
    this.db.pragma('journal_mode = off');
    this.db.pragma('synchronous = off');
    this.db.exec('create table k (key text primary key) without rowid');
    this.lookUp = this.db.prepare<[string], { key: string }>('select key from k where key in (select value from json_each(?))');
    const one = this.db.prepare<[string]>('insert or ignore into k (key) values (?)');
    this.insert = this.db.transaction((keys: readonly string[]) => {
      for (const key of keys) one.run(key);
    });
  }

  /** Those of `keys` the set holds. */
  has(keys: readonly string[]): Set<string> {
    if (keys.length === 0) return new Set();
    return new Set(this.lookUp.all(JSON.stringify(keys)).map((r) => r.key));
  }

  add(keys: readonly string[]): void {
    if (keys.length > 0) this.insert(keys);
  }

  close(): void {
    if (this.open) this.db.close();
    this.open = false;
  }
}
