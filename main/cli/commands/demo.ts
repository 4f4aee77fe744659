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
import { fixReportText } from './fix-report';

export function demoDatabaseFile(): string {
  return path.join(userDataDir(), 'demo.sqlite');
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('create the demo database when missing and show what is wrong with it')
    .option('--db <path>', 'demo SQLite file', demoDatabaseFile())
    .action(async (flags: { db: string }) => {
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
      });
    });
}
