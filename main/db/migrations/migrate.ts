import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { ConsoleError } from '../../../shared/errors';
import type { Dialect } from '../dialect';
import { MIGRATIONS, type AppMigration } from './';
import { analyzeIndexesWithoutStatistics } from './index-statistics';

const MIGRATION_TABLE = 'kysely_migration';

export interface MigrateResult {
  applied: string[];
  current: string | null;
}

/** Names of migrations the database records, or [] for a database never migrated. */
export async function appliedMigrations(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const exists =
    dialect.name === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(db)
      : await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name = ${MIGRATION_TABLE}`.execute(db);
  if (Number(exists.rows[0]?.n ?? 0) === 0) return [];
  const rows = await db.selectFrom(MIGRATION_TABLE).select('name').orderBy('name').execute();
  return rows.map((r: { name: string }) => r.name);
}

/** Refuses a database that a newer Lead Console has migrated: opening it could corrupt it. */
export async function assertNotNewer(db: Kysely<any>, dialect: Dialect, known: readonly AppMigration[] = MIGRATIONS): Promise<void> {
  const knownNames = new Set(known.map((m) => m.name));
  const unknown = (await appliedMigrations(db, dialect)).filter((name) => !knownNames.has(name));
  if (unknown.length > 0) {
    throw new ConsoleError(
      'database_too_new',
      `This database was upgraded by a newer version of Lead Console (schema ${unknown[unknown.length - 1]}). ` +
        'Update Lead Console to open it; this version will not change it.',
    );
  }
}

export async function migrateToLatest(db: Kysely<any>, dialect: Dialect, migrations: readonly AppMigration[] = MIGRATIONS): Promise<MigrateResult> {
  await assertNotNewer(db, dialect, migrations);
  const migrator = new Migrator({
    db,
    migrationTableName: MIGRATION_TABLE,
    provider: {
      async getMigrations() {
        const out: Record<string, Migration> = {};
        for (const m of migrations) out[m.name] = { up: (k) => m.up(k, dialect) };
        return out;
      },
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new ConsoleError('internal', `Database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  // An index a migration added to an analyzed SQLite database gets its statistics too (index-statistics.ts).
  if (applied.length > 0 && dialect.name === 'sqlite') await analyzeIndexesWithoutStatistics(db);
  const all = await appliedMigrations(db, dialect);
  return { applied, current: all[all.length - 1] ?? null };
}
