// `lead-console`: the same services as the app, for offline audits, jobs and scripts.
import { Command, CommanderError } from 'commander';
import { registerBreakdown } from './commands/breakdown';
import { registerDemo } from './commands/demo';
import { registerFixLeadStatus } from './commands/fix-lead-status';
import { registerHopper } from './commands/hopper';
import { registerLead } from './commands/lead';
import { registerStatuses } from './commands/statuses';
import { registerRecordCall } from './commands/record-call';
import { registerSimulate } from './commands/simulate';
import { registerJobs } from './commands/jobs';
import { registerMigrate } from './commands/migrate';
import { registerRunJobs } from './commands/run-jobs';
import { registerRecycle } from './commands/recycle';
import { registerSeedDemo } from './commands/seed-demo';
import { registerServe } from './commands/serve';
import { registerSyncCalls } from './commands/sync-calls';
import { registerUndo } from './commands/undo';
import { registerImportLeads } from './commands/import-leads';
import { registerExportLeads } from './commands/export-leads';
import { registerDnc } from './commands/dnc';
import { registerCallbacks } from './commands/campaign/callbacks';
import { registerCampaign } from './commands/campaign/campaign';
import { registerRecycleRules } from './commands/campaign/recycle-rules';
import { registerReport } from './commands/report';
import { EXIT_OK, EXIT_USAGE, exitCodeFor, messageFor } from './exit-codes';

export function buildProgram(): Command {
  const program = new Command()
    .name('lead-console')
    .description('Lead Console: lead status tracking, hopper and recycling for outbound call centers')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerMigrate(program);
  registerFixLeadStatus(program);
  registerBreakdown(program);
  registerSyncCalls(program);
  registerHopper(program);
  registerRecordCall(program);
  registerSimulate(program);
  registerRecycle(program);
  registerUndo(program);
  registerServe(program);
  registerSeedDemo(program);
  registerDemo(program);
  registerJobs(program);
  registerRunJobs(program);
  registerLead(program);
  registerStatuses(program);
  registerImportLeads(program);
  registerExportLeads(program);
  registerDnc(program);
  registerCampaign(program);
  registerRecycleRules(program);
  registerCallbacks(program);
  registerReport(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its own one-line message already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    process.stderr.write(`lead-console: ${await messageFor(error)}\n`);
    return exitCodeFor(error);
  }
}
