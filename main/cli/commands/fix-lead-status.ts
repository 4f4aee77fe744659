import type { Command } from 'commander';
import { InputError } from '../../../shared/errors';
import { PROBLEM_CLASSES } from '../../../shared/catalogue/problem-classes';
import type { FixMode } from '../../services/problems/problem-fixer';
import { addDatabaseOptions, addNowOption, clockFrom, withDatabase, type DatabaseFlags } from '../database-options';
import { CLI_FIGURES } from '../figures';
import { printJson } from '../output/format';
import { progressBar } from '../output/progress';
import { parseId, parsePositiveInt } from '../parse';
import { fixReportJson, fixReportText } from './fix-report';

interface Flags extends DatabaseFlags {
  reportOnly?: boolean;
  dryRun?: boolean;
  campaign?: string;
  verbose?: boolean;
  json?: boolean;
  batchSize?: string;
}

export function registerFixLeadStatus(program: Command): void {
  addNowOption(
    addDatabaseOptions(
      program
        .command('fix-lead-status')
        .description(`find problem leads (${PROBLEM_CLASSES.join(', ')}) and repair them`),
    ),
  )
    .option('--report-only', 'count the problem leads, change nothing')
    .option('--dry-run', 'show what a fix would change, change nothing')
    .option('--campaign <id>', 'only the leads of this campaign')
    .option('--verbose', 'list lead ids per problem class')
    .option('--json', 'print one JSON object')
    .option('--read-only', 'open the database read-only (with --report-only or --dry-run)')
    .option('--batch-size <n>', `leads per transaction (default ${CLI_FIGURES.fixRangeSqlite} on SQLite, ${CLI_FIGURES.fixRangePostgres} on PostgreSQL)`)
    .action(async (flags: Flags) => {
      if (flags.reportOnly && flags.dryRun) throw new InputError('Use --report-only or --dry-run, not both.');
      const mode: FixMode = flags.reportOnly ? 'report' : flags.dryRun ? 'dry-run' : 'fix';
      if (flags.readOnly && mode === 'fix') throw new InputError('--read-only needs --report-only or --dry-run: a fix writes.');
      const campaignId = parseId(flags.campaign, '--campaign');
      const batchSize = flags.batchSize === undefined ? undefined : parsePositiveInt(flags.batchSize, '--batch-size', 100_000);
      const clock = clockFrom(flags);
      const failed = await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        if (campaignId !== undefined) {
          const c = await h.db.selectFrom('campaigns').select('id').where('id', '=', campaignId).executeTakeFirst();
          if (!c) throw new InputError(`Campaign ${campaignId} does not exist.`, 'not_found');
        }
        const { status } = createServices(h, clock);
        const bar = progressBar(mode === 'fix' ? 'Fixing leads' : 'Checking leads', process.stderr, !flags.json && process.stderr.isTTY === true);
        const started = Date.now();
        // Ctrl+C stops between two ranges: what was committed stays, the operation is logged as
        // stopped (and undoable) and the report says so. A second Ctrl+C quits at once.
        const stop = new AbortController();
        const onSigint = () => {
          if (stop.signal.aborted) process.exit(130);
          process.stderr.write('\nStopping after the ranges in flight (Ctrl+C again quits at once)…\n');
          stop.abort();
        };
        process.on('SIGINT', onSigint);
        let report;
        try {
          report = await status.findAndFix({ mode, campaignId, batchSize, signal: stop.signal, onProgress: (p) => bar.update(p.checked, p.total) });
        } finally {
          process.off('SIGINT', onSigint);
        }
        bar.done();
        if (flags.json) printJson(fixReportJson(report, h.description));
        else console.log(fixReportText(report, h.description, { verbose: Boolean(flags.verbose), seconds: (Date.now() - started) / 1000 }));
        if (report.stopped) process.exitCode = 130;
        return report.errors > 0;
      });
      if (failed) process.exitCode = 1;
    });
}
