import type { Command } from 'commander';
import { InputError } from '../../../shared/errors';
import type { RecyclePreview } from '../../../shared/types/recycling';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, withDatabase, type DatabaseFlags } from '../database-options';
import { fmt, printJson } from '../output/format';
import { progressBar } from '../output/progress';
import { commandHint } from '../database-hint';
import { parseId } from '../parse';

interface Flags extends DatabaseFlags {
  list: string;
  status: string[];
  target: string;
  resetDialCount?: boolean;
  overrideFinal?: string;
  dryRun?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const word = (s: string | null) => (s === null ? '(no status)' : JSON.stringify(s));

function previewText(p: RecyclePreview): string {
  const parts = p.by_status.map((s) => `${word(s.status)} ${fmt(s.count)}`);
  const lines = [`List ${p.list_id}: ${fmt(p.will_change)} leads will change${parts.length ? ` (${parts.join(', ')})` : ''}.`];
  if (p.skipped_dnc > 0) lines.push(`${fmt(p.skipped_dnc)} dnc leads are skipped: do-not-call leads are never recycled.`);
  if (p.needs_override.length > 0) lines.push(`Final statuses ${p.needs_override.join(', ')} need --override-final REASON.`);
  return lines.join('\n');
}

export function registerRecycle(program: Command): void {
  addReadOnlyOption(addNowOption(addDatabaseOptions(program.command('recycle').description('move the leads of chosen statuses of a list back to new (or a recyclable status), as one undoable operation'))), 'open the database read-only (with --dry-run)')
    .requiredOption('--list <id>', 'list id')
    .requiredOption('--status <word>', 'a stored status word to recycle (repeat for several; "null" for leads without a status)', collect)
    .option('--target <status>', 'status to give them: new or a recyclable status', 'new')
    .option('--reset-dial-count', 'set dial_attempts to 0 (and attempts_reset_at to now)')
    .option('--override-final <reason>', 'allow final statuses other than dnc, with this reason in the audit')
    .option('--dry-run', 'show how many leads would change, change nothing')
    .option('--json', 'print one JSON object')
    .action(async (flags: Flags) => {
      if (flags.readOnly && !flags.dryRun) throw new InputError('--read-only needs --dry-run: a recycle writes.');
      const listId = parseId(flags.list, '--list')!;
      // The console's own request schema (zod), loaded when the command runs, not for --help.
      const [{ RecycleRequestSchema }, { zodMessage }] = await Promise.all([import('../../../shared/ipc/schemas'), import('../../ipc/errors')]);
      const parsed = RecycleRequestSchema.safeParse({
        listId,
        statuses: flags.status.map((s) => (s === 'null' ? null : s)),
        targetStatus: flags.target,
        resetDialCount: Boolean(flags.resetDialCount),
        finalOverride: flags.overrideFinal === undefined ? undefined : { reason: flags.overrideFinal },
      });
      if (!parsed.success) throw new InputError(zodMessage(parsed.error).replace('targetStatus', '--target').replace('finalOverride.reason', '--override-final'));
      const { progressId: _unused, ...request } = parsed.data;
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const { recycling } = createServices(h, clockFrom(flags));
        const preview = await recycling.preview(request);
        if (flags.dryRun) {
          if (flags.json) printJson({ dry_run: true, ...preview });
          else console.log(previewText(preview));
          return;
        }
        const bar = progressBar('Recycling', process.stderr, !flags.json && process.stderr.isTTY === true);
        const result = await recycling.recycle(request, (p) => bar.update(p.done, p.total));
        bar.done();
        if (flags.json) return printJson({ ...result, skipped_dnc: preview.skipped_dnc });
        console.log(
          `Recycled ${fmt(result.changed)} leads of list ${listId} to ${request.targetStatus}${request.resetDialCount ? ', dial counts reset' : ''}.` +
            (preview.skipped_dnc > 0 ? ` ${fmt(preview.skipped_dnc)} dnc leads skipped.` : ''),
        );
        if (result.operation_id) console.log(`Operation ${result.operation_id}. Undo with: ${commandHint(`undo --operation ${result.operation_id}`, flags)}`);
        else console.log('Nothing changed, so no operation was recorded.');
      });
    });
}
