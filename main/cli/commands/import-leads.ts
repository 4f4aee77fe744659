import type { Command } from 'commander';
import { InputError } from '../../../shared/errors';
import { DEDUPE_SCOPES, type DedupeScope } from '../../../shared/types/imports';
import { addDatabaseOptions, addNowOption, clockFrom, withDatabase, type DatabaseFlags } from '../database-options';
import { printJson } from '../output/format';
import { progressBar } from '../output/progress';
import { parseId, quoted } from '../parse';

interface Flags extends DatabaseFlags {
  list: string;
  dedupe: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerImportLeads(program: Command): void {
  addNowOption(addDatabaseOptions(program.command('import-leads').description('load a CSV file of leads into a list (one undoable import operation)')))
    .argument('<file>', 'CSV file: UTF-8, comma, semicolon or tab, a header naming the phone column')
    .requiredOption('--list <id>', 'list id')
    .option('--dedupe <scope>', 'skip phones already in the list, the campaign, all lists, or none', 'campaign')
    .option('--dry-run', 'count each outcome, change nothing')
    .option('--json', 'print one JSON object')
    .action(async (file: string, flags: Flags) => {
      const listId = parseId(flags.list, '--list')!;
      if (!(DEDUPE_SCOPES as readonly string[]).includes(flags.dedupe)) {
        throw new InputError(`--dedupe must be one of ${DEDUPE_SCOPES.join(', ')} (got ${quoted(flags.dedupe)}).`);
      }
      await withDatabase(flags, async (h) => {
        const [{ createServices }, { reportLines }] = await Promise.all([import('../../services/create-services'), import('../../services/imports/import-report')]);
        const { imports } = createServices(h, clockFrom(flags));
        const bar = progressBar(flags.dryRun ? 'Checking' : 'Importing', process.stderr, !flags.json && process.stderr.isTTY === true);
        const report = await imports.import(
          { listId, file, dedupe: flags.dedupe as DedupeScope, dryRun: Boolean(flags.dryRun) },
          { onProgress: (p) => bar.update(p.done, p.total) },
        );
        bar.done();
        if (flags.json) return printJson(report);
        for (const line of reportLines(report)) console.log(line);
        if (report.operation_id) console.log(`Operation ${report.operation_id}. Undo with: lead-console undo --operation ${report.operation_id}`);
      });
    });
}
