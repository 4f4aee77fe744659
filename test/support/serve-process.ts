// `lead-console serve` in its own process, as a supervisor starts it: waits for the one
// `Console: http://127.0.0.1:PORT/session?code=…` line and hands back the address and the output;
// `openSession()` spends the line's single-use code as a browser would and returns the cookie.
import { spawn, type ChildProcess } from 'node:child_process';
import { CONSOLE_URL_PREFIX } from '../../shared/ipc/http-protocol';
import { BIN } from './cli';

export interface ServeProcess {
  child: ChildProcess;
  /** The printed line, `Console: http://…`. */
  line: string;
  url: URL;
  /** Opens the printed link once (as a browser would): the `cookie` header of its session. */
  openSession(): Promise<{ cookie: string }>;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code (SIGKILL after 5 s). */
  stop(): Promise<number | null>;
}

export async function startServe(args: string[], options: { timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1', ...options.env },
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
    openSession: async () => {
      const res = await fetch(url, { redirect: 'manual' });
      const set = res.headers.get('set-cookie');
      if (res.status !== 303 || !set) throw new Error(`the printed link opened no session (HTTP ${res.status})`);
      return { cookie: set.split(';')[0] };
    },
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
