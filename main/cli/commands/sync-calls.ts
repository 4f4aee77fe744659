import type { Command } from 'commander';
import { addDatabaseOptions, addNowOption, clockFrom, withDatabase, type DatabaseFlags } from '../database-options';
import { fmt, printJson } from '../output/format';
import { progressBar } from '../output/progress';
import { parsePositiveInt } from '../parse';
import { CLI_FIGURES } from '../figures';

export function registerSyncCalls(program: Command): void {
  addNowOption(addDatabaseOptions(program.command('sync-calls').description('apply every call log not yet applied to its lead')))
    .option('--json', 'print JSON')
    .option('--batch-size <n>', `calls per transaction (default ${CLI_FIGURES.syncBatch})`)
    .action(async (flags: DatabaseFlags & { json?: boolean; batchSize?: string }) => {
      const batchSize = flags.batchSize === undefined ? undefined : parsePositiveInt(flags.batchSize, '--batch-size', 100_000);
      const clock = clockFrom(flags);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const { status } = createServices(h, clock);
        const bar = progressBar('Applying calls', process.stderr, !flags.json && process.stderr.isTTY === true);
        const result = await status.syncCalls({ batchSize, onProgress: (p) => bar.update(p.applied, p.total) });
        bar.done();
        if (flags.json) return printJson(result);
        console.log(
          `Applied ${fmt(result.applied)} calls (${fmt(result.statusChanges)} status changes, ${fmt(result.incidents)} compliance incidents).`,
        );
        if (result.orphaned > 0) console.log(`${fmt(result.orphaned)} calls name a lead that does not exist; they stay unapplied.`);
        if (result.unreadableTime > 0) console.log(`${fmt(result.unreadableTime)} calls have a start time that cannot be read; they stay unapplied until the dialer's row is corrected.`);
        const explained = result.orphaned + result.unreadableTime;
        if (result.remaining === explained) console.log(explained > 0 ? 'Every other call log is applied.' : 'Every call log is applied.');
        else console.log(`${fmt(result.remaining)} call logs are still unapplied.`);
      });
    });
}
