import type { Command } from 'commander';
import { addDatabaseOptions, addReadOnlyOption, NO_CHECKPOINT_WORKER, withDatabase, type DatabaseFlags } from '../database-options';
import { csvOut } from '../output/csv-out';
import { fmt } from '../output/format';
import { parseId } from '../parse';

interface Flags extends DatabaseFlags {
  list: string;
  status?: string[];
  out?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerExportLeads(program: Command): void {
  addReadOnlyOption(addDatabaseOptions(program.command('export-leads').description('write the leads of a list as CSV (stdout without --out)')))
    .requiredOption('--list <id>', 'list id')
    .option('--status <word>', 'only leads of this stored status (repeat for several; "null" for leads without one)', collect)
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (flags: Flags) => {
      const listId = parseId(flags.list, '--list')!;
      const statuses = (flags.status ?? []).map((s) => (s === 'null' ? null : s));
      await withDatabase(flags, async (h) => {
        const { exportLeads } = await import('../../services/exports/export-leads');
        const out = csvOut(flags.out);
        const { rows } = await exportLeads(h, { listId, statuses }, out.stream);
        await out.close();
        if (flags.out) {
          process.stderr.write(`Wrote ${fmt(rows)} leads of list ${listId} to ${flags.out}.\n`);
        }
      }, NO_CHECKPOINT_WORKER);
    });
}
