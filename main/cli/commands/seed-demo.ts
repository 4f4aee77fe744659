import type { Command } from 'commander';
import { DEMO_LEADS } from '../../demo/demo-defaults';
import { addDatabaseOptions, withDatabase, type DatabaseFlags } from '../database-options';
import { fmt, printJson } from '../output/format';
import { progressBar } from '../output/progress';
import { commandHint } from '../database-hint';
import { parsePositiveInt } from '../parse';
import { resetDemoFile } from '../demo-reset';
import { resolveDatabaseTarget } from '../../db/database-config';

export function registerSeedDemo(program: Command): void {
  addDatabaseOptions(program.command('seed-demo').description('create a demo database in the shape of the real failure'))
    .option('--leads <n>', `how many leads (default ${DEMO_LEADS})`)
    .option('--json', 'print JSON')
    .option('--reset', 'delete the SQLite file first and seed it again (asks first)')
    .option('--yes', 'with --reset: do not ask')
    .action(async (flags: DatabaseFlags & { leads?: string; json?: boolean; reset?: boolean; yes?: boolean }) => {
      const leads = flags.leads === undefined ? DEMO_LEADS : parsePositiveInt(flags.leads, '--leads', 5_000_000);
      if (flags.reset) await resetDemoFile(resolveDatabaseTarget({ db: flags.db, databaseUrl: flags.databaseUrl }), flags.yes === true);
      await withDatabase(flags, async (h) => {
        const { seedDemo } = await import('../../demo/seed-demo');
        const bar = progressBar('Seeding demo', process.stderr, !flags.json && process.stderr.isTTY === true);
        const summary = await seedDemo(h, { leads, onProgress: (d, t) => bar.update(d, t) });
        bar.done();
        if (flags.json) return printJson({ database: h.description, ...summary });
        console.log(
          `Demo ready in ${h.description}: ${summary.campaigns} campaigns, ${summary.lists} lists, ${fmt(summary.leads)} leads, ` +
            `${fmt(summary.calls)} call logs (${fmt(summary.unapplied_calls)} never applied), ${fmt(summary.dnc_numbers)} DNC numbers.`,
        );
        console.log(`Next: ${commandHint('fix-lead-status --report-only', flags)} shows what went wrong.`);
      }, { mayCreate: true });
    });
}
