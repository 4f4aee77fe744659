// Shared by the two CLI fuzz files: the command list, the per-command counts, a seeded database.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type DbHandle } from '../../../main/db/open-database';
import { dbArgs } from '../../support/cli';
import { createTestTarget } from '../../support/databases';
import { seedSmall, type Seeded } from './seed';

export const COMMANDS = ['migrate', 'fix-lead-status', 'breakdown', 'sync-calls', 'hopper fill', 'hopper claim', 'hopper stats', 'hopper explain', 'hopper cleanup', 'record-call', 'simulate', 'recycle', 'undo', 'serve', 'seed-demo', 'demo', 'jobs list', 'jobs run', 'jobs history', 'jobs set', 'run-jobs', 'lead find', 'lead show', 'lead set-status', 'lead reset-attempts', 'statuses map', 'statuses aliases', 'import-leads', 'export-leads', 'dnc add', 'dnc remove', 'dnc import', 'dnc export', 'dnc check', 'campaign show', 'campaign set', 'campaign history', 'list set', 'recycle-rules list', 'recycle-rules set', 'recycle-rules remove', 'callbacks add', 'callbacks list', 'callbacks cancel', 'report penetration', 'report activity'];
/** About 0.5 s a spawn on an idle machine; the limit leaves room for a loaded one. */
export const SPAWN_TIMEOUT_MS = 480_000;
export const SAMPLE_RUNS = Number(process.env.FUZZ_CLI_RUNS ?? 16);
export const counts: Record<string, number> = {};

export function record(args: string[]) {
  const cmd = ['hopper', 'jobs', 'lead', 'statuses', 'dnc', 'campaign', 'list', 'recycle-rules', 'callbacks', 'report'].includes(args[0]) ? `${args[0]} ${args[1]}` : args[0];
  counts[cmd] = (counts[cmd] ?? 0) + 1;
}

export async function seeded(dialect: 'sqlite' | 'postgres'): Promise<{ h: DbHandle; seed: Seeded; dbArgs: string[] }> {
  const target = await createTestTarget(dialect);
  const h = await openDatabase(target);
  const seed = await seedSmall(h);
  return { h, seed, dbArgs: dbArgs(target) };
}

/** Writes the figures of this file's run to test-results/NAME.json and the log. */
export function writeCounts(name: string): void {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const out = path.resolve(__dirname, '../../../test-results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify({ total, commands: counts }, null, 2)}\n`);
  console.log(`${name}: ${total} hostile command lines over ${Object.keys(counts).length} commands`);
}
