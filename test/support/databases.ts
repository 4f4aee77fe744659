// Every service test runs once per dialect against a real database: a SQLite file in a temp
// folder and a PostgreSQL database created for the test file on the test server. Both are made by
// the factory the bench and the crash harness use too (scripts/fresh-database.ts), and both are
// removed when the test file is done.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { openDatabase, type DbHandle } from '../../main/db/open-database';
import type { DatabaseTarget } from '../../main/db/database-config';
import { postgresDatabases, sqliteDatabases, type FreshDatabases } from '../../scripts/fresh-database';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

const TABLES = [
  'operation_leads',
  'operations',
  'compliance_incidents',
  'lead_status_audit',
  'dialer_hopper',
  'call_logs',
  'dnc_numbers',
  'leads',
  'lead_lists',
  'campaigns',
];

const factories = new Map<TestDialect, FreshDatabases>();

function factory(dialect: TestDialect): FreshDatabases {
  let f = factories.get(dialect);
  if (!f) {
    f = dialect === 'sqlite' ? sqliteDatabases() : postgresDatabases(inject('pgAdminUrl'), { prefix: 't_' });
    factories.set(dialect, f);
  }
  return f;
}

// Registered on the root suite of every test file that imports this module: it runs after the
// file's own hooks (which close their handles and stop their processes), and FORCE ends any
// connection left behind.
afterAll(async () => {
  for (const f of factories.values()) await f.dropAll();
  factories.clear();
});

/** A fresh, empty database target of the given dialect (migrated when first opened). */
export function createTestTarget(dialect: TestDialect): Promise<DatabaseTarget> {
  return factory(dialect).fresh();
}

export async function openTestDatabase(dialect: TestDialect): Promise<DbHandle> {
  return openDatabase(await createTestTarget(dialect));
}

export interface DialectSuite {
  dialect: TestDialect;
  /**
   * The suite's database, opened in its first beforeAll and closed after its last afterAll. The
   * body runs before any hook, so this is a stand-in that forwards to the open handle: use it in
   * hooks and tests, not while the suite is being collected.
   */
  h: DbHandle;
}

export interface EachDialectOptions {
  /** Empty every table before each test (default), or never (the suite starts from an empty database). */
  reset?: 'each' | 'never';
  /** false: no database is opened for the suite (the body makes its own targets); `h` throws. */
  open?: boolean;
  /** A subset, for what only one database has (say why where it is used). */
  dialects?: readonly TestDialect[];
}

/** One `describe` per dialect, titled `title [dialect]`, each with its own database. */
export function describeEachDialect(title: string, body: (suite: DialectSuite) => void, options: EachDialectOptions = {}): void {
  const { reset = 'each', open = true, dialects = DIALECTS } = options;
  for (const dialect of dialects) {
    describe(`${title} [${dialect}]`, () => {
      let handle: DbHandle | undefined;
      if (open) {
        beforeAll(async () => {
          handle = await openTestDatabase(dialect);
        });
        afterAll(() => handle?.close());
        if (reset === 'each') beforeEach(() => resetDatabase(handle!));
      }
      body({ dialect, h: standIn(() => handle, open) });
    });
  }
}

function standIn(current: () => DbHandle | undefined, open: boolean): DbHandle {
  const live = () => {
    const h = current();
    if (h) return h;
    throw new Error(open ? "the suite's database opens in beforeAll: use it in hooks and tests" : 'this suite opens no database (open: false)');
  };
  return new Proxy({} as DbHandle, {
    get: (_t, key) => {
      const h = live();
      const value = Reflect.get(h, key);
      return typeof value === 'function' ? value.bind(h) : value;
    },
    has: (_t, key) => key in live(),
  });
}

/** Empties every table (and restarts ids) so that each test starts from nothing. */
export async function resetDatabase(handle: DbHandle): Promise<void> {
  if (handle.dialect.name === 'postgres') {
    const extra = (await extraTables(handle)).filter((t) => !TABLES.includes(t));
    await sql.raw(`truncate ${[...TABLES, ...extra].join(', ')} restart identity cascade`).execute(handle.db);
    return;
  }
  const extra = (await extraTables(handle)).filter((t) => !TABLES.includes(t));
  for (const table of [...extra, ...TABLES]) await sql.raw(`delete from ${table}`).execute(handle.db);
  await sql.raw(`delete from sqlite_sequence`).execute(handle.db).catch(() => undefined);
}

// Tables added by later migrations (jobs, settings...), emptied too, except migration bookkeeping.
async function extraTables(handle: DbHandle): Promise<string[]> {
  const rows =
    handle.dialect.name === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(handle.db);
  return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_'));
}
