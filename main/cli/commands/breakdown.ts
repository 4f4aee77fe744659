import type { Command } from 'commander';
import { CATEGORY_LABEL } from '../../../shared/catalogue';
import { systemClock } from '../../db/time';
import { addDatabaseOptions, addReadOnlyOption, NO_CHECKPOINT_WORKER, withDatabase, type DatabaseFlags } from '../database-options';
import { fmt, pct, printJson, table } from '../output/format';
import { parseId } from '../parse';

export function registerBreakdown(program: Command): void {
  addReadOnlyOption(addDatabaseOptions(program.command('breakdown').description('every status of a list with its count, share and category')))
    .requiredOption('--list <id>', 'list id')
    .option('--json', 'print JSON')
    .action(async (flags: DatabaseFlags & { list: string; json?: boolean }) => {
      const listId = parseId(flags.list, '--list')!;
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const b = await createServices(h, systemClock).status.breakdown(listId);
        if (flags.json) return printJson(b);
        console.log(`List ${b.list_id}: ${fmt(b.total)} leads, ${fmt(b.recyclable)} recyclable, ${fmt(b.problematic)} problematic\n`);
        const rows: (string | number)[][] = [['status', 'count', 'share', 'category']];
        for (const s of b.statuses) rows.push([s.status === null ? '(no status)' : JSON.stringify(s.status), s.count, pct(s.share), CATEGORY_LABEL[s.category]]);
        console.log(table(rows, ['l', 'r', 'r', 'l']));
      }, NO_CHECKPOINT_WORKER);
    });
}
