// Runs `lead-console …` as its own process, as a supervisor or a system cron would, and kills
// it with SIGKILL after a given delay when asked: no handler runs, no transaction commits.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/lead-console.mjs');

export interface ChildResult {
  code: number | null;
  /** True when SIGKILL reached the process while it was still running. */
  killed: boolean;
  ms: number;
  stdout: string;
  stderr: string;
}

export function runChild(args: string[], killAfterMs?: number, timeoutMs = 120_000): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // TZ=UTC: run-jobs reads cron schedules in the machine's zone; the scenarios pin it.
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, TZ: 'UTC', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const kill = killAfterMs === undefined ? null : setTimeout(() => {
      killed = child.exitCode === null && child.signalCode === null;
      child.kill('SIGKILL');
    }, killAfterMs);
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (kill) clearTimeout(kill);
      clearTimeout(guard);
      resolve({ code, killed: killed && signal === 'SIGKILL', ms: Date.now() - started, stdout, stderr });
    });
  });
}
