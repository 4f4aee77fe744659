// `lead-console report penetration|activity`: the supervisor reports from the shell (docs/reports.md).
import type { Command } from 'commander';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, NO_CHECKPOINT_WORKER, withDatabase, type DatabaseFlags } from '../database-options';
import { printJson } from '../output/format';
import { parseId } from '../parse';
import { activityText, penetrationText } from './report-text';

interface Flags extends DatabaseFlags {
  list?: string;
  campaign?: string;
  from?: string;
  to?: string;
  json?: boolean;
  csv?: boolean;
}

function sub(report: Command, name: string, description: string): Command {
  return addReadOnlyOption(addNowOption(addDatabaseOptions(report.command(name).description(description))))
    .option('--json', 'print JSON')
    .option('--csv', 'print the report as CSV');
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('supervisor reports: penetration of a list, activity of a campaign');

  sub(report, 'penetration', 'per status and timezone: leads, called, not called, dialable; attempts histogram; penetration')
    .requiredOption('--list <id>', 'list id')
    .action(async (flags: Flags) => {
      const listId = parseId(flags.list, '--list')!;
      const clock = clockFrom(flags);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const reports = createServices(h, clock).reports;
        if (flags.csv) return void process.stdout.write((await reports.penetrationCsv(listId)).csv);
        const r = await reports.penetration(listId);
        if (flags.json) printJson(r);
        else console.log(penetrationText(r));
      }, NO_CHECKPOINT_WORKER);
    });

  sub(report, 'activity', 'calls, answered, outcomes, calls per 15 minutes, 30-day abandon rate, runs dry at')
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--from <iso>', 'start of the period (default: local midnight of today in the campaign timezone)')
    .option('--to <iso>', 'end of the period, exclusive (default: now)')
    .action(async (flags: Flags) => {
      const request = { campaignId: parseId(flags.campaign, '--campaign')!, from: flags.from, to: flags.to };
      const clock = clockFrom(flags);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const reports = createServices(h, clock).reports;
        if (flags.csv) return void process.stdout.write((await reports.activityCsv(request)).csv);
        const r = await reports.activity(request);
        if (flags.json) printJson(r);
        else console.log(activityText(r));
      }, NO_CHECKPOINT_WORKER);
    });
}
