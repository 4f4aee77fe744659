// `lead-console serve` in its own process, as a supervisor starts it: waits for the one
// `Console: http://127.0.0.1:PORT/#token=…` line and hands back the address, the token and the output.
import { spawn, type ChildProcess } from 'node:child_process';
import { CONSOLE_URL_PREFIX } from '../../shared/ipc/http-protocol';
import { BIN } from './cli';

export interface ServeProcess {
  child: ChildProcess;
  /** The printed line, `Console: http://…`. */
  line: string;
  url: URL;
  token: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code (SIGKILL after 5 s). */
  stop(): Promise<number | null>;
}

export async function startServe(args: string[], options: { timeoutMs?: number; cwd?: string } = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no Console line:\n${out}\n${err}`)), options.timeoutMs ?? 90_000);
    child.stdout.on('data', (d) => {
      out += d;
      const found = out.split('\n').find((l) => l.startsWith(CONSOLE_URL_PREFIX));
      if (found) {
        clearTimeout(timer);
        resolve(found.trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}\n${err}`));
    });
  });
  const url = new URL(line.slice('Console: '.length));
  return {
    child,
    line,
    url,
    token: url.hash.slice('#token='.length),
    stdout: () => out,
    stderr: () => err,
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
