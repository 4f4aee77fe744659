// A seeded demo database and `lead-console serve` on it, for the browser to drive.
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSOLE_URL_PREFIX } from '../../../shared/ipc/http-protocol';

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
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--db', dbFile, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no console URL within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith(CONSOLE_URL_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice('Console: '.length).trim());
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dbFile,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
