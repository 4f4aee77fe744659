import type { Command } from 'commander';
import { InputError } from '../../../shared/errors';
import { addDatabaseOptions, addNowOption, clockFrom, withDatabase, type DatabaseFlags } from '../database-options';
import { fmt, printJson } from '../output/format';
import { progressBar } from '../output/progress';
import { quoted } from '../parse';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerUndo(program: Command): void {
  addNowOption(addDatabaseOptions(program.command('undo').description('undo the last recycle or fix of a list (while its leads are unchanged since), or an import (its never-dialed leads)')))
    .requiredOption('--operation <id>', 'operation id, as printed by recycle or fix-lead-status')
    .option('--json', 'print one JSON object')
    .action(async (flags: DatabaseFlags & { operation: string; json?: boolean }) => {
      const id = flags.operation.trim();
      if (!UUID.test(id)) throw new InputError(`--operation needs an operation id such as 3f2b8c1e-… (got ${quoted(flags.operation)}).`);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const { recycling } = createServices(h, clockFrom(flags));
        const bar = progressBar('Undoing', process.stderr, !flags.json && process.stderr.isTTY === true);
        const result = await recycling.undo(id, (p) => bar.update(p.done, p.total));
        bar.done();
        if (flags.json) return printJson(result);
        if (result.kept !== undefined) {
          console.log(`Undid import ${id}: ${fmt(result.changed)} leads removed, ${fmt(result.kept)} kept (dialed or changed since). Undo recorded as ${result.operation_id}.`);
        } else console.log(`Undid operation ${id}: ${fmt(result.changed)} leads are back as they were. Undo recorded as ${result.operation_id}.`);
      });
    });
}
