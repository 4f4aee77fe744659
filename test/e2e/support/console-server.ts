// A seeded demo database and `lead-console serve` on it, for the browser to drive.
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe as startServeProcess } from '../../support/serve-process';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = path.join(ROOT, 'bin/lead-console.mjs');

export interface ConsoleServer {
  url: string;
  dbFile: string;
  output(): string;
  stop(): Promise<void>;
}

export function seedDemo(dir: string): string {
  const dbFile = path.join(dir, 'demo.sqlite');
  const result = spawnSync(process.execPath, [CLI, 'seed-demo', '--db', dbFile], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) throw new Error(`seed-demo failed:\n${result.stdout}\n${result.stderr}`);
  return dbFile;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-e2e-'));
}

/** No `--port`: serve then takes any free port (its default) and prints it. */
export async function startServe(dbFile: string, extraArgs: string[] = []): Promise<ConsoleServer> {
  const serve = await startServeProcess(['--db', dbFile, ...extraArgs], { timeoutMs: 60_000, cwd: ROOT });
  return {
    url: serve.line.slice('Console: '.length),
    dbFile,
    output: () => serve.stdout() + serve.stderr(),
    stop: async () => {
      await serve.stop();
    },
  };
}
