// `lead-console jobs list | run NAME | history | set NAME`: the scheduled maintenance jobs.
import type { Command } from 'commander';
import { InputError } from '../../../shared/errors';
import type { JobScheduler, SettingChange } from '../../services/jobs';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, NO_CHECKPOINT_WORKER, withDatabase, type DatabaseFlags } from '../database-options';
import { EXIT_FAILURE } from '../exit-codes';
import { printJson } from '../output/format';
import { parsePositiveInt } from '../parse';
import { historyTable, jobsTable, runLine } from './jobs-format';

type JsonFlag = DatabaseFlags & { json?: boolean };

// The scheduler (cron, node-schedule, luxon) and the services load when a jobs command runs, never
// for --help (scripts/build-cli.mjs).
const jobsModule = () => import('../../services/jobs');

async function schedulerFor(h: DbHandle, clock: Clock): Promise<JobScheduler> {
  const [{ JobScheduler, manualTrigger }, { createServices }] = await Promise.all([jobsModule(), import('../../services/create-services')]);
  // Never started: these commands use the scheduler's queries and its "run now".
  return new JobScheduler({ handle: h, services: createServices(h, clock), clock, trigger: manualTrigger });
}

export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('the scheduled maintenance jobs: list, run now, history, settings');

  addReadOnlyOption(addNowOption(addDatabaseOptions(jobs.command('list').description('every job with its schedule, next run and last run'))))
    .option('--json', 'print JSON')
    .action(async (flags: JsonFlag) => {
      const clock = clockFrom(flags);
      await withDatabase(flags, async (h) => {
        const list = await (await schedulerFor(h, clock)).list();
        if (flags.json) return printJson(list);
        console.log(jobsTable(list));
      }, NO_CHECKPOINT_WORKER);
    });

  addNowOption(addDatabaseOptions(jobs.command('run').argument('<name>', 'job name').description('run a job once now, unless another runner holds it')))
    .option('--json', 'print JSON')
    .action(async (name: string, flags: JsonFlag) => {
      const job = (await jobsModule()).parseJobName(name);
      const clock = clockFrom(flags);
      await withDatabase(flags, async (h) => {
        const run = await (await schedulerFor(h, clock)).runNow(job);
        if (flags.json) printJson(run);
        else console.log(runLine(run));
        // Skipped is not a failure: the job is being run by someone else right now.
        if (run.outcome === 'failed') process.exitCode = EXIT_FAILURE;
      });
    });

  addReadOnlyOption(addDatabaseOptions(jobs.command('history').description('recent runs, newest first')))
    .option('--job <name>', 'only this job')
    .option('--limit <n>', 'how many runs (default 50, at most 1000)')
    .option('--json', 'print JSON')
    .action(async (flags: JsonFlag & { job?: string; limit?: string }) => {
      const job = flags.job === undefined ? undefined : (await jobsModule()).parseJobName(flags.job);
      const limit = flags.limit === undefined ? 50 : parsePositiveInt(flags.limit, '--limit', 1000);
      await withDatabase(flags, async (h) => {
        const runs = await (await schedulerFor(h, () => new Date())).history({ job, limit });
        if (flags.json) return printJson(runs);
        if (runs.length === 0) return console.log(job ? `${job} has not run yet.` : 'No job has run yet.');
        console.log(historyTable(runs));
      }, NO_CHECKPOINT_WORKER);
    });

  addDatabaseOptions(jobs.command('set').argument('<name>', 'job name').description("change a job's schedule or turn it on or off (every console)"))
    .option('--schedule <cron>', 'a five-field cron expression, e.g. "*/5 * * * *"')
    .option('--enable', 'run the job on its schedule')
    .option('--disable', 'stop running the job on its schedule')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: JsonFlag & { schedule?: string; enable?: boolean; disable?: boolean }) => {
      const job = (await jobsModule()).parseJobName(name);
      if (flags.enable && flags.disable) throw new InputError('Use --enable or --disable, not both.');
      const change: SettingChange = {};
      if (flags.schedule !== undefined) change.schedule = flags.schedule;
      if (flags.enable) change.enabled = true;
      if (flags.disable) change.enabled = false;
      if (change.schedule === undefined && change.enabled === undefined) {
        throw new InputError('Give --schedule CRON, --enable or --disable.');
      }
      await withDatabase(flags, async (h) => {
        const info = await (await schedulerFor(h, () => new Date())).set(job, change);
        if (flags.json) return printJson(info);
        const state = info.enabled ? `runs ${info.schedule_text.toLowerCase()} (${info.schedule})` : 'is disabled';
        console.log(`${info.job} ${state}. Every console on this database applies it at its next tick.`);
      });
    });
}
