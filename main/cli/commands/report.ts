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

/** How one report is read and printed: as CSV, as JSON, or as text. */
interface ReportPrinting<T> {
  csv(): Promise<{ csv: string }>;
  value(): Promise<T>;
  text(report: T): string;
}

type ReportsService = ReturnType<typeof import('../../services/create-services').createServices>['reports'];

/** Opens the database (no checkpoint worker: reports only read) and prints the report `--csv`, `--json` or as text. */
async function printReport<T>(flags: Flags, pick: (reports: ReportsService) => ReportPrinting<T>): Promise<void> {
  const clock = clockFrom(flags);
  await withDatabase(flags, async (h) => {
    const { createServices } = await import('../../services/create-services');
    const report = pick(createServices(h, clock).reports);
    if (flags.csv) return void process.stdout.write((await report.csv()).csv);
    const r = await report.value();
    if (flags.json) printJson(r);
    else console.log(report.text(r));
  }, NO_CHECKPOINT_WORKER);
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('supervisor reports: penetration of a list, activity of a campaign');

  sub(report, 'penetration', 'per status and timezone: leads, called, not called, dialable; attempts histogram; penetration')
    .requiredOption('--list <id>', 'list id')
    .action(async (flags: Flags) => {
      const listId = parseId(flags.list, '--list')!;
      await printReport(flags, (reports) => ({ csv: () => reports.penetrationCsv(listId), value: () => reports.penetration(listId), text: penetrationText }));
    });

  sub(report, 'activity', 'calls, answered, outcomes, calls per 15 minutes, 30-day abandon rate, runs dry at')
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--from <iso>', 'start of the period (default: local midnight of today in the campaign timezone)')
    .option('--to <iso>', 'end of the period, exclusive (default: now)')
    .action(async (flags: Flags) => {
      const request = { campaignId: parseId(flags.campaign, '--campaign')!, from: flags.from, to: flags.to };
      await printReport(flags, (reports) => ({ csv: () => reports.activityCsv(request), value: () => reports.activity(request), text: activityText }));
    });
}
