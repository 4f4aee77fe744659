// Issue 21 item 7: `npm start` lives exactly as long as its console. npm passes its SIGTERM to
// the shell that runs the script, and that shell dies without passing it on: scripts/start.mjs
// must notice and stop its `serve` child, not stay behind with it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_URL_PREFIX } from '../../shared/ipc/http-protocol';
import { makeTempDir } from '../support/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every process under `pid`, read from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) if (parent === p) (out.push(child), walk(child));
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};

describe.skipIf(process.platform !== 'linux')('npm start', () => {
  it('stops its start script and the console when npm is killed', async () => {
    const db = path.join(makeTempDir('lc-start-'), 'start.sqlite');
    fs.writeFileSync(db, '');
    const npm = spawn('npm', ['start', '--', '--db', db, '--no-jobs'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '', LEAD_CONSOLE_BROWSER: '1', DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    let out = '';
    let err = '';
    npm.stderr.on('data', (d) => (err += d));
    let family: number[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no Console line:\n${out}\n${err}`)), 120_000);
        npm.stdout.on('data', (d) => {
          out += d;
          if (out.includes(CONSOLE_URL_PREFIX)) (clearTimeout(timer), resolve());
        });
        npm.on('exit', (code) => (clearTimeout(timer), reject(new Error(`npm exited with ${code}:\n${out}\n${err}`))));
      });
      family = descendants(npm.pid!);
      const start = family.find((p) => fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('start.mjs'));
      const serve = family.find((p) => fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('serve'));
      expect(start, 'scripts/start.mjs runs under npm').toBeDefined();
      expect(serve, 'the serve child runs under it').toBeDefined();
      process.kill(npm.pid!, 'SIGTERM');
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && family.some(alive)) await new Promise((r) => setTimeout(r, 200));
      expect(family.filter(alive), 'processes left running after npm was killed').toEqual([]);
    } finally {
      for (const p of [npm.pid!, ...family]) if (alive(p)) process.kill(p, 'SIGKILL');
    }
  }, 180_000);
});
