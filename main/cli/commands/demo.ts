import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { seedDemo } from '../../demo/seed-demo';
import { userDataDir } from '../../db/database-config';
import { createServices } from '../../services/create-services';
import { systemClock } from '../../db/time';
import { withDatabase } from '../database-options';
import { fmt } from '../output/format';
import { progressBar } from '../output/progress';
import { parsePositiveInt } from '../parse';
import { fixReportText } from './fix-report';
import { openInBrowser } from '../../web/renderer-build';
import { runConsoleUntilStopped } from './serve';

export function demoDatabaseFile(): string {
  return path.join(userDataDir(), 'demo.sqlite');
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('create the demo database when missing, show what is wrong with it, and open the console on it')
    .option('--db <path>', 'demo SQLite file', demoDatabaseFile())
    .option('--no-serve', 'only create the database and print the report')
    .option('--port <n>', 'port for the console (default: any free port)')
    .action(async (flags: { db: string; serve: boolean; port?: string }) => {
      const port = flags.port === undefined ? 0 : parsePositiveInt(flags.port, '--port', 65535);
      const fresh = !fs.existsSync(flags.db);
      await withDatabase({ db: flags.db }, async (h) => {
        if (fresh) {
          const bar = progressBar('Creating demo database');
          const s = await seedDemo(h, { onProgress: (d, t) => bar.update(d, t) });
          bar.done();
          console.log(`Created ${h.description} with ${fmt(s.leads)} leads.`);
        }
        const { status } = createServices(h, systemClock);
        const report = await status.findAndFix({ mode: 'report' });
        console.log(fixReportText(report, h.description, { verbose: false, seconds: 0 }));
      }, { mayCreate: true });
      if (!flags.serve) return;
      await runConsoleUntilStopped({
        target: { kind: 'sqlite', file: path.resolve(flags.db) },
        port,
        onReady: (url) => openInBrowser(url),
      });
    });
}
