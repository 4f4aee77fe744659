// `npm start`: the Electron window when Electron can run here, else the same console in the
// browser. On a machine with internet, a missing Electron binary is fetched first and
// better-sqlite3 is rebuilt for Electron's ABI (and back for Node when the window closes, so the
// CLI and the tests keep working).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const run = (cmd, argv, opts = {}) => spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', ...opts });

function electronBinary() {
  try {
    const bin = require('electron'); // the path of the binary; throws when it was never downloaded
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function whyNoElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  if (process.env.LEAD_CONSOLE_BROWSER) return 'LEAD_CONSOLE_BROWSER is set';
  if (electronBinary()) return null;
  const install = path.join(ROOT, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(install)) return 'the electron package is not installed';
  const fetched = run(process.execPath, [install], { stdio: 'ignore', timeout: 300_000 });
  if (fetched.status !== 0 || !electronBinary()) return 'its binary is not installed and could not be downloaded (no internet access?)';
  return null;
}

function ensureBuilt(withMain) {
  const renderer = fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'));
  const main = fs.existsSync(path.join(ROOT, 'dist', 'main', 'electron-main.js')) && fs.existsSync(path.join(ROOT, 'dist', 'preload', 'preload.cjs'));
  if (!renderer) {
    const r = run(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  if (withMain && !main) {
    const r = run(process.execPath, [path.join(ROOT, 'scripts', 'build-main.mjs')]);
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

/**
 * Runs the console's process and lives exactly as long as it: SIGINT and SIGTERM go on to it, and
 * this script exits when it does. `npm start` runs this script under a shell that dies of npm's
 * SIGTERM without passing it on, so the parent is watched too: when it is gone, the child is
 * stopped as if the signal had come here.
 */
function runChild(cmd, argv, onExit = () => {}) {
  const child = spawn(cmd, argv, { cwd: ROOT, stdio: 'inherit' });
  let stopping = false;
  const stop = (sig) => {
    stopping = true;
    child.kill(sig);
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(sig));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent && !stopping) stop('SIGTERM');
  }, 500);
  watch.unref();
  child.on('exit', (code, signal) => {
    clearInterval(watch);
    onExit();
    process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 0));
  });
}

const serveArgs = [path.join(ROOT, 'bin', 'lead-console.mjs'), 'serve', ...args];
const reason = whyNoElectron();
if (reason) {
  console.log(`Electron cannot start here: ${reason}. Opening the console in browser mode instead.`);
  ensureBuilt(false);
  runChild(process.execPath, serveArgs);
} else {
  ensureBuilt(true);
  const builder = path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const rebuilt = run(process.execPath, [builder, 'install-app-deps']);
  if (rebuilt.status !== 0) {
    console.log('Could not rebuild better-sqlite3 for Electron; opening the console in browser mode instead.');
    runChild(process.execPath, serveArgs);
  } else {
    // Back to Node's ABI for the CLI and the tests when the window closes.
    runChild(electronBinary(), [ROOT, ...args], () => run('npm', ['rebuild', 'better-sqlite3'], { stdio: 'ignore', shell: process.platform === 'win32' }));
  }
}
