import type { Command } from 'commander';
import { addDatabaseOptions, withDatabase, type DatabaseFlags } from '../database-options';
import { printJson } from '../output/format';

export function registerMigrate(program: Command): void {
  addDatabaseOptions(program.command('migrate').description('create or upgrade the database schema'))
    .option('--json', 'print JSON')
    .action(async (flags: DatabaseFlags & { json?: boolean }) => {
      // Opening applies pending migrations; asking again reports the version reached.
      await withDatabase(flags, async (h) => {
        const { migrateToLatest } = await import('../../db/migrations/migrate');
        const result = await migrateToLatest(h.db, h.dialect);
        if (flags.json) printJson({ database: h.description, schema: result.current });
        else console.log(`${h.description}: schema is at ${result.current}.`);
      }, { mayCreate: true });
    });
}
