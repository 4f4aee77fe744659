import os from 'node:os';
import type { Command } from 'commander';
import { addDatabaseOptions, addReadOnlyOption, NO_CHECKPOINT_WORKER, withDatabase, type DatabaseFlags } from '../database-options';
import { csvOut } from '../output/csv-out';
import { fmt, printJson } from '../output/format';
import { systemClock } from '../../db/time';

interface Flags extends DatabaseFlags {
  json?: boolean;
}

/** Who made a change: the workstation user, else `cli`. */
function changedBy(): string {
  try {
    return os.userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

function sub(parent: Command, name: string, description: string): Command {
  return addDatabaseOptions(parent.command(name).description(description)).option('--json', 'print one JSON object');
}

export function registerDnc(program: Command): void {
  const dnc = program.command('dnc').description('the do-not-call list: add, remove, import, export, check');
  sub(dnc, 'add', 'add a number (its leads leave the hopper at once; their status is kept)')
    .argument('<phone>')
    .action(async (phone: string, flags: Flags) =>
      withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const result = await createServices(h, systemClock).dnc.add(phone, changedBy());
        if (flags.json) return printJson(result);
        console.log(result.added ? `Added ${result.phone} to the DNC list; ${fmt(result.hopper_rows_removed)} hopper rows removed.` : `${result.phone} is on the DNC list already.`);
      }),
    );
  sub(dnc, 'remove', 'remove a number (every spelling of it), with a reason')
    .argument('<phone>')
    .requiredOption('--reason <text>', 'why it may be called again (kept in dnc_changes)')
    .action(async (phone: string, flags: Flags & { reason: string }) =>
      withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const result = await createServices(h, systemClock).dnc.remove(phone, flags.reason, changedBy());
        if (flags.json) return printJson(result);
        console.log(`Removed ${result.removed.join(', ')} from the DNC list.`);
      }),
    );
  sub(dnc, 'import', 'add the numbers of a CSV file (a phone column, or numbers in the first column)')
    .argument('<file>')
    .action(async (file: string, flags: Flags) =>
      withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const r = await createServices(h, systemClock).dnc.importFile(file, changedBy());
        if (flags.json) return printJson(r);
        console.log(
          `${fmt(r.rows)} rows: ${fmt(r.added)} added, ${fmt(r.already_listed)} listed already, ${fmt(r.duplicates)} repeated in the file, ${fmt(r.invalid)} not numbers${r.invalid ? ` (rows ${r.first_invalid_rows.join(', ')})` : ''}; ${fmt(r.hopper_rows_removed)} hopper rows removed.`,
        );
      }),
    );
  addReadOnlyOption(sub(dnc, 'export', 'write the list as CSV (stdout without --out)'))
    .option('--out <file>', 'write to this file')
    .action(async (flags: Flags & { out?: string }) =>
      withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const out = csvOut(flags.out);
        const { rows } = await createServices(h, systemClock).dnc.export(out.stream);
        await out.close();
        if (flags.out) {
          process.stderr.write(`Wrote ${fmt(rows)} numbers to ${flags.out}.\n`);
        }
      }, NO_CHECKPOINT_WORKER),
    );
  addReadOnlyOption(sub(dnc, 'check', 'is this number on the DNC list (in any spelling)?'))
    .argument('<phone>')
    .action(async (phone: string, flags: Flags) =>
      withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const r = await createServices(h, systemClock).dnc.check(phone);
        if (flags.json) return printJson(r);
        console.log(r.listed ? `${phone} is on the DNC list (as ${r.matches.map((m) => m.phone).join(', ')}).` : `${phone} is not on the DNC list.`);
      }, NO_CHECKPOINT_WORKER),
    );
}
