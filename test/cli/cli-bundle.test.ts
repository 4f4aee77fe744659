// The built CLI (issue 19, item 6): scripts/build-cli.mjs bundles it, bin/lead-console.mjs starts
// from the bundle while it is current and rebuilds it when it is not; LEAD_CONSOLE_TSX=1 and a
// bundle that cannot be built start through tsx. Each test builds into its own folder under dist/
// (LEAD_CONSOLE_CLI_DIR), never touching the project's sources or the shared dist/cli.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];

function cliDir(name: string): string {
  const dir = path.join(ROOT, 'dist', `cli-test-${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.push(dir);
  return dir;
}

function run(file: string, args: string[], dir: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [file, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LEAD_CONSOLE_CLI_DIR: dir, LEAD_CONSOLE_START_TRACE: '1', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const build = (dir: string) => run(path.join(ROOT, 'scripts', 'build-cli.mjs'), [], dir);
const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'build.json'), 'utf8')) as { startedAt: number; inputs: string[] };

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the built CLI', () => {
  it('exists after the build, lists what it was built from, and answers --help without tsx', () => {
    const dir = cliDir('fresh');
    const b = build(dir);
    expect(b.code, b.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'lead-console.mjs'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'wal-checkpointer-worker.mjs'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'long-work-worker.mjs'))).toBe(true);
    const m = manifest(dir);
    expect(m.inputs).toContain('main/cli/index.ts');
    expect(m.inputs).toContain('main/db/sqlite/wal-checkpointer-worker.mjs');
    expect(m.inputs).toContain('main/db/sqlite/long-work-worker.mjs');
    expect(m.inputs.some((f) => f.includes('node_modules'))).toBe(false);

    const help = run(BIN, ['--help'], dir);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: lead-console');
    expect(help.stderr).toContain('started from the bundle');
    // The native and server-side packages stay outside the bundle.
    const bundle = fs.readFileSync(path.join(dir, 'lead-console.mjs'), 'utf8');
    expect(bundle).toMatch(/from ["']better-sqlite3["']/);
    expect(bundle).toMatch(/(from |import\()["']pg["']/);
  });

  it('rebuilds a stale bundle before it runs: a source newer than the build, or one gone', () => {
    const dir = cliDir('stale');
    expect(build(dir).code).toBe(0);
    const bundle = path.join(dir, 'lead-console.mjs');
    // A bundle from older sources: running it would fail; the bin must not run it.
    fs.writeFileSync(bundle, "throw new Error('the stale bundle ran');\n");
    const m = manifest(dir);
    fs.writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ ...m, startedAt: 0 }));

    const first = run(BIN, ['--help'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Usage: lead-console');
    expect(first.stderr).toContain('started from a rebuilt bundle');
    expect(manifest(dir).startedAt).toBeGreaterThan(0);
    expect(fs.readFileSync(bundle, 'utf8')).not.toContain('the stale bundle ran');
    // Current again: the next run takes it as it is.
    expect(run(BIN, ['--help'], dir).stderr).toContain('started from the bundle');

    // A file the bundle was built from that no longer exists: stale too.
    fs.writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ ...manifest(dir), inputs: [...m.inputs, 'main/cli/gone.ts'] }));
    expect(run(BIN, ['--help'], dir).stderr).toContain('started from a rebuilt bundle');
  });

  it('starts through tsx when asked to, whatever the bundle holds', () => {
    const dir = cliDir('tsx');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'lead-console.mjs'), "throw new Error('the bundle ran');\n");
    fs.writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ startedAt: Date.now() + 3_600_000, inputs: ['main/cli/index.ts'] }));
    const forced = run(BIN, ['--help'], dir, { LEAD_CONSOLE_TSX: '1' });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('Usage: lead-console');
    expect(forced.stderr).toContain('started from tsx');
  });
});
