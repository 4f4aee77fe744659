import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { demoDatabaseFile } from '../../demo/demo-defaults';
import { systemClock } from '../../db/time';
import { withDatabase } from '../database-options';
import { fmt } from '../output/format';
import { progressBar } from '../output/progress';
import { parsePositiveInt } from '../parse';
import { fixReportText } from './fix-report';
import { runConsoleUntilStopped } from './serve';
import { resetDemoFile } from '../demo-reset';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('create the demo database when missing, show what is wrong with it, and open the console on it')
    .option('--db <path>', 'demo SQLite file', demoDatabaseFile())
    .option('--no-serve', 'only create the database and print the report')
    .option('--port <n>', 'port for the console (default: any free port)')
    .option('--reset', 'delete the demo database and seed it again (asks first)')
    .option('--yes', 'with --reset: do not ask')
    .action(async (flags: { db: string; serve: boolean; port?: string; reset?: boolean; yes?: boolean }) => {
      const port = flags.port === undefined ? 0 : parsePositiveInt(flags.port, '--port', 65535);
      if (flags.reset) await resetDemoFile({ kind: 'sqlite', file: flags.db }, flags.yes === true);
      if (!fs.existsSync(flags.db)) {
        const { ensureDemoDatabase } = await import('../../demo/demo-database');
        const bar = progressBar('Creating demo database');
        const s = await ensureDemoDatabase(flags.db, (d, t) => bar.update(d, t));
        bar.done();
        if (s) console.log(`Created ${path.resolve(flags.db)} with ${fmt(s.leads)} leads.`);
      }
      await withDatabase({ db: flags.db }, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const { status } = createServices(h, systemClock);
        const report = await status.findAndFix({ mode: 'report' });
        console.log(fixReportText(report, h.description, { verbose: false, seconds: 0 }));
      });
      if (!flags.serve) return;
      const { openInBrowser } = await import('../../web/renderer-build');
      await runConsoleUntilStopped({
        target: { kind: 'sqlite', file: path.resolve(flags.db) },
        port,
        onReady: (url) => openInBrowser(url),
      });
    });
}
