// `lead-console statuses map|aliases`: status words a person resolves (domain.md).
import type { Command } from 'commander';
import type { MapStatusResult } from '../../../shared/types/leads';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, withDatabase, type DatabaseFlags } from '../database-options';
import { fmt, printJson, table } from '../output/format';
import { parseId } from '../parse';

interface MapFlags extends DatabaseFlags {
  from: string;
  to: string;
  list?: string;
  saveAlias?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

function mapText(r: MapStatusResult): string {
  const scope = r.list_id === null ? 'every list' : `list ${r.list_id}`;
  const spellings = r.words.length > 0 ? ` (${r.words.map((w) => `${JSON.stringify(w.status)} ${fmt(w.count)}`).join(', ')})` : '';
  if (r.dry_run) return `"${r.from}" → ${r.to} in ${scope}: ${fmt(r.changed)} leads would move${spellings}. Nothing was changed.`;
  const lines = [`"${r.from}" → ${r.to} in ${scope}: ${fmt(r.changed)} leads moved${spellings}.`];
  if (r.alias_saved) lines.push(`Saved as an alias: "${r.from}" now reads as ${r.to} everywhere (calls, sync, fix, breakdown, import).`);
  lines.push(`Operation ${r.operation_id}. Undo with: lead-console undo --operation ${r.operation_id}`);
  return lines.join('\n');
}

export function registerStatuses(program: Command): void {
  const statuses = program.command('statuses').description('status words a person resolves: map an unknown word, manage saved aliases');

  addReadOnlyOption(addNowOption(addDatabaseOptions(statuses.command('map').description('move the leads whose status is WORD (trimmed, case ignored) to a catalogue status, as one undoable operation'))), 'open the database read-only (with --dry-run)')
    .requiredOption('--from <word>', 'the stored word, e.g. XFER')
    .requiredOption('--to <status>', 'the catalogue status it means')
    .option('--list <id>', 'only this list (default: every list)')
    .option('--save-alias', 'also save the word as an alias, used from now on everywhere')
    .option('--dry-run', 'count the leads that would move, change nothing')
    .option('--json', 'print one JSON object (changed, operation_id, alias_saved, ...)')
    .action(async (flags: MapFlags) => {
      const listId = parseId(flags.list, '--list');
      const to = (await import('../../services/status-words/alias-book')).catalogueStatus(flags.to);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const r = await createServices(h, clockFrom(flags)).statusWords.map({ from: flags.from, to, listId, saveAlias: Boolean(flags.saveAlias), dryRun: Boolean(flags.dryRun) });
        if (flags.json) printJson(r);
        else console.log(mapText(r));
      });
    });

  addReadOnlyOption(addDatabaseOptions(statuses.command('aliases').description('list the saved and built-in status aliases, or remove a saved one (no lead changes)')))
    .option('--remove <word>', 'remove this saved alias')
    .option('--json', 'print JSON')
    .action(async (flags: DatabaseFlags & { remove?: string; json?: boolean }) => {
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const words = createServices(h, clockFrom(flags)).statusWords;
        if (flags.remove !== undefined) {
          const removed = await words.removeAlias(flags.remove);
          if (flags.json) return printJson({ removed });
          return console.log(`Removed the saved alias "${removed.word}" (${removed.status}). No lead changed; the word reads as unknown again.`);
        }
        const all = await words.aliases();
        if (flags.json) return printJson(all);
        console.log(table([['word', 'status', 'kind', 'saved by'], ...all.map((a) => [a.word, a.status, a.built_in ? 'built-in' : 'saved', a.created_by ?? ''])]));
      });
    });
}
