// `lead-console simulate`: a pretend dialer for demos and load tests (main/simulator).
import type { Command } from 'commander';
import { InputError } from '../../../shared/errors';
import type { SimulationCounts } from '../../simulator/dialer-simulator';
import { addDatabaseOptions, addNowOption, withDatabase, type DatabaseFlags } from '../database-options';
import { fmt, printJson } from '../output/format';
import { parseId, parsePositiveInt, quoted } from '../parse';

interface Flags extends DatabaseFlags {
  campaign?: string;
  rate?: string;
  duration?: string;
  speedup?: string;
  seed?: string;
  json?: boolean;
}

function parseSpeedup(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0.1 || n > 10_000) throw new InputError(`--speedup must be a number between 0.1 and 10000 (got ${quoted(text)}).`);
  return n;
}

function line(c: SimulationCounts): string {
  const outcomes = Object.entries(c.by_outcome)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([k, n]) => `${k} ${fmt(n ?? 0)}`)
    .join(' · ');
  return `${c.sim_now.slice(0, 19).replace('T', ' ')}Z  dialed ${fmt(c.claimed)}  done ${fmt(c.recorded)}  ringing ${fmt(c.in_flight)}  hopper ${fmt(c.queued)}  added ${fmt(c.leads_added)}  re-queued ${fmt(c.requeued)}${c.errors ? `  errors ${c.errors}` : ''}${outcomes ? `  | ${outcomes}` : ''}`;
}

export function registerSimulate(program: Command): void {
  addNowOption(addDatabaseOptions(program.command('simulate').description('a simulated dialer: keeps the hopper filled, dials, reports realistic results')))
    .option('--campaign <id>', 'campaign id')
    .option('--rate <calls>', 'dial attempts per simulated minute', '30')
    .option('--duration <seconds>', 'how long to run, wall-clock seconds', '60')
    .option('--speedup <x>', 'simulated seconds per real second', '1')
    .option('--seed <n>', 'random seed (same seed, same outcome mix)', '1')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: Flags) => {
      const campaignId = parseId(flags.campaign, '--campaign');
      if (campaignId === undefined) throw new InputError('--campaign ID is required.');
      const ratePerMinute = parsePositiveInt(flags.rate ?? '30', '--rate', 100_000);
      const durationSeconds = parsePositiveInt(flags.duration ?? '60', '--duration', 86_400);
      const speedup = parseSpeedup(flags.speedup ?? '1');
      const seed = parsePositiveInt(flags.seed ?? '1', '--seed');
      let startAt: Date | undefined;
      if (flags.now !== undefined) {
        startAt = new Date(flags.now);
        if (Number.isNaN(startAt.getTime())) throw new InputError(`--now needs an ISO-8601 time (got ${quoted(flags.now)}).`);
      }
      const tty = process.stderr.isTTY === true;
      let lastPrinted = 0;
      let stop = false;
      const onSigint = () => (stop = true);
      process.once('SIGINT', onSigint);
      try {
        await withDatabase(flags, async (h) => {
          await h.db.selectFrom('campaigns').select('id').where('id', '=', campaignId).executeTakeFirstOrThrow().catch(() => {
            throw new InputError(`Campaign ${campaignId} does not exist.`, 'not_found');
          });
          const { runSimulation } = await import('../../simulator/dialer-simulator');
          const summary = await runSimulation(h, {
            campaignId,
            ratePerMinute,
            durationSeconds,
            speedup,
            startAt,
            seed,
            shouldStop: () => stop,
            onTick: (c) => {
              if (tty) process.stderr.write(`\r\x1b[K${line(c)}`.slice(0, (process.stderr.columns ?? 200) + 8));
              else if (Date.now() - lastPrinted >= 5000) {
                lastPrinted = Date.now();
                process.stderr.write(`${line(c)}\n`);
              }
            },
          });
          if (tty) process.stderr.write('\n');
          if (flags.json) return printJson(summary);
          console.log(
            `Simulated ${summary.started_at} → ${summary.ended_at} in ${summary.wall_seconds}s: ${fmt(summary.recorded)} calls recorded, ` +
              `${fmt(summary.status_changes)} status changes, ${fmt(summary.requeued)} dropped leads re-queued, ${fmt(summary.leads_added)} leads added by ${fmt(summary.fills)} fills, ` +
              `${fmt(summary.compliance_incidents)} compliance incidents, ${fmt(summary.errors)} errors.`,
          );
          console.log(`Outcomes: ${Object.entries(summary.by_outcome).map(([k, n]) => `${k} ${fmt(n ?? 0)}`).join(', ') || 'none'}`);
          if (summary.starved_ticks > 0) console.log(`The hopper ran dry ${fmt(summary.starved_ticks)} times: run hopper explain to see why.`);
          if (summary.last_error) console.log(`Last error: ${summary.last_error}`);
        });
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
    });
}
