// `npm run soak -- [--minutes N] [--consoles N] [--rate N] [--leads N] [--database-url URL] [--out FILE]`:
// many consoles on one PostgreSQL (docs/reliability.md, "Many consoles on one PostgreSQL").
// Uses a throwaway embedded PostgreSQL (the bench's settings) unless --database-url or
// SOAK_DATABASE_URL names a server; either way it makes its own database and drops it after.
// Prints the table, writes the figures as JSON, and exits 1 when an invariant broke.
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../bench/databases';
import { postgresDatabases } from '../fresh-database';
import { parseSoakArgs } from './options';
import { formatReport } from './report';
import { runSoak } from './soak';

async function main(): Promise<number> {
  let options;
  try {
    options = parseSoakArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const log = (line: string) => console.error(`[soak] ${line}`);
  const server = options.databaseUrl ? null : await startEmbeddedPostgres();
  const serverUrl = options.databaseUrl ?? server!.url;
  const databases = postgresDatabases(serverUrl, { prefix: 'soak_' });
  try {
    const target = await databases.fresh();
    if (target.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
    const { figures, violations } = await runSoak({ ...options, databaseUrl: target.url }, log);
    console.log(formatReport(figures, violations));
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, `${JSON.stringify({ ...figures, violations }, null, 2)}\n`);
    log(`Figures written to ${options.out}`);
    return violations.length === 0 ? 0 : 1;
  } finally {
    await databases.dropAll().catch(() => undefined);
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`soak failed: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  },
);
