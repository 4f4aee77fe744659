// `lead-console run-jobs`: the scheduler in the foreground, for a machine that keeps the
// schedule without the app. Ctrl-C or SIGTERM stops it cleanly: running jobs finish their
// current batch, then the database is closed. `--once` runs the ticks due at one moment and
// exits (for a system cron, and for tests with `--now`).
import type { Command } from 'commander';
import { InputError } from '../../../shared/errors';
import { addDatabaseOptions, addNowOption, clockFrom, withDatabase, type DatabaseFlags } from '../database-options';
import { parsePositiveInt } from '../parse';
import { runLine } from './jobs-format';

interface Flags extends DatabaseFlags {
  once?: boolean;
  json?: boolean;
  retentionDays?: string;
  runner?: string;
}

export function registerRunJobs(program: Command): void {
  addNowOption(addDatabaseOptions(program.command('run-jobs').description('run the scheduled jobs in the foreground until Ctrl-C')))
    .option('--once', 'run the job ticks due now, then exit')
    .option('--retention-days <n>', 'delete run history older than this (default 30)')
    .option('--runner <name>', 'name of this runner in the history (default host:pid)')
    .option('--json', 'print each finished run as one JSON line')
    .action(async (flags: Flags) => {
      if (flags.now !== undefined && !flags.once) throw new InputError('--now only works with --once: a running scheduler follows the real clock.');
      const retentionDays = flags.retentionDays === undefined ? 30 : parsePositiveInt(flags.retentionDays, '--retention-days', 3650);
      if (flags.runner !== undefined && !/^[\w.:@-]{1,64}$/.test(flags.runner)) {
        throw new InputError('--runner takes up to 64 letters, digits and . : @ _ -');
      }
      const clock = clockFrom(flags);
      await withDatabase(flags, async (h) => {
        // Loaded when the command runs, never for --help (scripts/build-cli.mjs).
        const [{ JobScheduler, manualTrigger, nodeScheduleTrigger }, { createServices }] = await Promise.all([import('../../services/jobs'), import('../../services/create-services')]);
        const scheduler = new JobScheduler({
          handle: h,
          services: createServices(h, clock),
          clock,
          trigger: flags.once ? manualTrigger : nodeScheduleTrigger(),
          retentionDays,
          runnerId: flags.runner,
          // --once runs the ticks of the current minute (a system cron calls it every minute).
          since: flags.once ? new Date(Math.floor(clock().getTime() / 60_000) * 60_000 - 1) : undefined,
        });
        const print = (line: string) => (flags.json ? undefined : console.log(line));
        scheduler.on('run-finished', (run) => (flags.json ? process.stdout.write(`${JSON.stringify(run)}\n`) : print(runLine(run))));
        scheduler.on('database-state', (s) => process.stderr.write(`${s.message}\n`));

        if (flags.once) {
          const report = await scheduler.tick(clock());
          if (report.error) throw new InputError(report.error, 'database_unavailable');
          if (flags.json) return;
          const ran = report.runs.filter((r) => r !== null).length;
          print(`${ran} job run(s) at ${clock().toISOString()}; ${report.runs.length - ran} tick(s) were taken by another runner.`);
          return;
        }

        // Signal handlers first: whoever reads the schedule below may stop us the moment it shows.
        let stopped!: () => void;
        const finished = new Promise<void>((resolve) => (stopped = resolve));
        let stopping = false;
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopping) {
            process.stderr.write('Stopping now, without waiting.\n');
            process.exit(130);
          }
          stopping = true;
          process.stderr.write(`${signal}: waiting for running jobs to finish their current batch...\n`);
          void scheduler.stop().then(() => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            stopped();
          });
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);

        print(`Running the scheduled jobs on ${h.description} as ${scheduler.runnerId}. Ctrl-C stops.`);
        for (const j of await scheduler.list()) {
          print(`  ${j.job.padEnd(30)} ${j.enabled ? `${j.schedule_text.toLowerCase()}, next ${j.next_run_at}` : 'disabled'}`);
        }
        if (!stopping) scheduler.start();
        await finished;
        print('Stopped.');
      });
    });
}
