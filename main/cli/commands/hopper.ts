// `lead-console hopper fill|claim|stats|explain|cleanup`: the dialer's queue, from the shell.
import type { Command } from 'commander';
import { InputError } from '../../../shared/errors';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, NO_CHECKPOINT_WORKER, withDatabase, type DatabaseFlags } from '../database-options';
import { printJson } from '../output/format';
import { parseId, parsePositiveInt } from '../parse';
import { claimText, cleanupText, explainText, fillText, statsText } from './hopper-report';

interface Flags extends DatabaseFlags {
  campaign?: string;
  target?: string;
  count?: string;
  json?: boolean;
}

function campaignOf(flags: Flags): number {
  const id = parseId(flags.campaign, '--campaign');
  if (id === undefined) throw new InputError('--campaign ID is required.');
  return id;
}

function sub(hopper: Command, name: string, description: string): Command {
  return addNowOption(addDatabaseOptions(hopper.command(name).description(description))).option('--json', 'print JSON');
}

export function registerHopper(program: Command): void {
  const hopper = program.command('hopper').description('the dialer hopper: fill, claim, stats, explain, cleanup');

  sub(hopper, 'fill', 'queue eligible leads until the campaign has its target of queued rows')
    .option('--campaign <id>', 'campaign id')
    .option('--target <n>', 'queued rows to reach (default: the campaign hopper_target)')
    .action(async (flags: Flags) => {
      const campaignId = campaignOf(flags);
      const target = flags.target === undefined ? undefined : parsePositiveInt(flags.target, '--target', 100_000);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const result = await createServices(h, clockFrom(flags)).hopper.fill(campaignId, { target });
        if (flags.json) printJson(result);
        else console.log(fillText(result));
      });
    });

  sub(hopper, 'claim', 'hand out the next queued leads to a dialer (marks them dialing)')
    .option('--campaign <id>', 'campaign id')
    .option('--count <n>', 'how many leads', '1')
    .action(async (flags: Flags) => {
      const campaignId = campaignOf(flags);
      const count = parsePositiveInt(flags.count ?? '1', '--count', 10_000);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const rows = await createServices(h, clockFrom(flags)).hopper.claim(campaignId, count);
        if (flags.json) printJson(rows);
        else console.log(claimText(rows));
      });
    });

  addReadOnlyOption(sub(hopper, 'stats', 'what is in the hopper and how many more leads are eligible'))
    .option('--campaign <id>', 'campaign id')
    .action(async (flags: Flags) => {
      const campaignId = campaignOf(flags);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const stats = await createServices(h, clockFrom(flags)).hopper.stats(campaignId);
        if (flags.json) printJson(stats);
        else console.log(statsText(stats));
      }, NO_CHECKPOINT_WORKER);
    });

  addReadOnlyOption(sub(hopper, 'explain', 'why leads are not eligible: every lead counted under the first rule that excludes it'))
    .option('--campaign <id>', 'campaign id')
    .action(async (flags: Flags) => {
      const campaignId = campaignOf(flags);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const report = await createServices(h, clockFrom(flags)).hopper.explain(campaignId);
        if (flags.json) printJson(report);
        else console.log(explainText(report));
      }, NO_CHECKPOINT_WORKER);
    });

  sub(hopper, 'cleanup', 'remove stale hopper rows (dialing too long, or lead no longer eligible)').action(async (flags: Flags) => {
    await withDatabase(flags, async (h) => {
      const { createServices } = await import('../../services/create-services');
      const result = await createServices(h, clockFrom(flags)).hopper.cleanupStale();
      if (flags.json) printJson(result);
      else console.log(cleanupText(result));
    });
  });
}
