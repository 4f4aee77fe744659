import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget, OpenTarget } from '../../main/db/database-config';

// import.meta, not __dirname: the crash harness also runs outside vitest, as plain ESM.
export const BIN = fileURLToPath(new URL('../../bin/lead-console.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lead-console ARGS` as a supervisor would, in its own process. */
export function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The flags that point `lead-console` at a database. */
export function dbArgs(t: DatabaseTarget | OpenTarget): string[] {
  if (t.kind === 'postgres' && !('url' in t)) throw new Error('a test database is opened from a URL');
  if (t.kind === 'sqlite') return ['--db', t.file];
  // The password goes the way the README says (PGPASSWORD, inherited by every spawned CLI), not in
  // argv, where the CLI would warn about it on every run.
  const url = new URL(t.url);
  if (url.password) {
    process.env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  return ['--database-url', url.toString()];
}
