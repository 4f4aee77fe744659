// Builds the renderer page (vite) when dist/renderer has none yet, so `demo` and `serve` work
// right after `npm install`.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConsoleError } from '../../shared/errors';
import { PROJECT_ROOT as ROOT, RENDERER_DIST } from './serve-console';

export function rendererBuilt(dir = RENDERER_DIST): boolean {
  return fs.existsSync(path.join(dir, 'index.html'));
}

export function buildRenderer(log: (line: string) => void, outDir = RENDERER_DIST): void {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) throw new ConsoleError('internal', 'Cannot build the console page: vite is not installed (run npm install).');
  log('Building the console page (first run only)…');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    // Whatever NODE_ENV the caller has (a test runner sets `test`), vite would build React's
    // development mode from it: StrictMode then sends every request twice, and the second problem
    // count cancels the first.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new ConsoleError('internal', `Building the console page failed: ${(result.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
}

/** Builds the page when it is missing: `serve` and `demo` work right after `npm install`. */
export function ensureRendererBuilt(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (!rendererBuilt()) buildRenderer(log);
}

/** Opens the URL in the desktop's browser when there is a desktop; silent otherwise. */
export function openInBrowser(url: string): boolean {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay || process.env.LEAD_CONSOLE_NO_BROWSER) return false;
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
