// A `lead-console` child that keeps running (run-jobs in the foreground), for the tests that
// signal it and read what it printed.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN } from './cli';

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  output(): { stdout: string; stderr: string };
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  const poke = () => waiters.splice(0).forEach((w) => w());
  child.stdout.on('data', (d) => ((stdout += d), poke()));
  child.stderr.on('data', (d) => ((stderr += d), poke()));
  const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(kill);
      poke();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stdout: ${stdout}; stderr: ${stderr}`)), timeoutMs);
        const check = () => {
          if (pattern.test(stdout) || pattern.test(stderr)) {
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`exited with ${child.exitCode} before ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}
