// The built CLI (issue 19, item 6): scripts/build-cli.mjs bundles it, bin/lead-console.mjs starts
// from the bundle while it is current and rebuilds it when it is not; LEAD_CONSOLE_TSX=1 and a
// bundle that cannot be built start through tsx. Each test builds into its own folder under dist/
// (LEAD_CONSOLE_CLI_DIR), never touching the project's sources or the shared dist/cli.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
interface Chunk {
  file: string;
  inputs: string[];
  packages: string[];
}
const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'build.json'), 'utf8')) as { startedAt: number; inputs: string[]; chunks: Chunk[] };

/**
 * Runs the bin with a module hook that notes every module Node resolves (in the hooks' own
 * thread, written straight to a file): the bundle's files a command loaded, with what they hold.
 */
function runNotingModules(args: string[], dir: string) {
  const log = path.join(dir, `loaded-${args[0].replace(/\W/g, '')}.txt`);
  fs.rmSync(log, { force: true });
  const hooks = `data:text/javascript,${encodeURIComponent(
    "import fs from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); fs.appendFileSync(process.env.LC_TEST_MODULES, r.url + '\\n'); return r; }",
  )}`;
  const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hooks)});`)}`;
  const r = spawnSync(process.execPath, ['--import', register, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LEAD_CONSOLE_CLI_DIR: dir, LEAD_CONSOLE_START_TRACE: '1', LC_TEST_MODULES: log },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const names = new Set(fs.readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)).filter((f) => path.dirname(f) === dir).map((f) => path.basename(f)));
  const chunks = manifest(dir).chunks.filter((c) => names.has(c.file));
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    files: names,
    inputs: new Set(chunks.flatMap((c) => c.inputs)),
    packages: new Set(chunks.flatMap((c) => c.packages)),
  };
}

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
    const m = manifest(dir);
    expect(m.inputs).toContain('main/cli/index.ts');
    // The files only a command's dynamic import reaches count too: editing one rebuilds.
    expect(m.inputs).toContain('main/services/create-services.ts');
    expect(m.inputs).toContain('main/web/serve-console.ts');
    expect(m.chunks.map((c) => c.file).sort()).toEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.mjs') && f !== 'wal-checkpointer-worker.mjs').sort());
    expect(m.inputs).toContain('main/db/sqlite/wal-checkpointer-worker.mjs');
    expect(m.inputs.some((f) => f.includes('node_modules'))).toBe(false);

    const help = run(BIN, ['--help'], dir);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: lead-console');
    expect(help.stderr).toContain('started from the bundle');
    // The native and server-side packages stay outside the bundle (in one chunk or another).
    const bundle = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    expect(bundle).toMatch(/from\s*["']better-sqlite3["']/);
    expect(bundle).toMatch(/(from\s*|import\()["']pg["']/);
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

  it("keeps the previous build's chunks for a command still running from it, and removes older ones", () => {
    const dir = cliDir('chunks');
    expect(build(dir).code).toBe(0);
    const first = manifest(dir).chunks.map((c) => c.file);
    // A chunk left by an older build (and a write interrupted half way).
    fs.writeFileSync(path.join(dir, 'chunk-OLDBUILD.mjs'), 'export {};\n');
    fs.writeFileSync(path.join(dir, 'chunk-HALF.mjs.123.456.tmp'), '');
    // A source newer than the build: its chunk's name changes with its content.
    fs.writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ ...manifest(dir), startedAt: 0 }));
    expect(run(BIN, ['--help'], dir).stderr).toContain('started from a rebuilt bundle');
    const files = fs.readdirSync(dir);
    for (const f of first) expect(files).toContain(f);
    expect(files).not.toContain('chunk-OLDBUILD.mjs');
    expect(files).not.toContain('chunk-HALF.mjs.123.456.tmp');
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

// What a start reads (docs/performance.md, "Time to a command's first answer"): --help and a
// usage error load commander and the command definitions only; a command loads what it uses.
describe('what a start loads', () => {
  const HEAVY_PACKAGES = ['zod', 'kysely', 'luxon', 'cronstrue', 'cron-parser', 'node-schedule', 'csv-parse'];
  let dir: string;

  beforeAll(() => {
    dir = cliDir('loads');
    const b = build(dir);
    expect(b.code, b.stderr).toBe(0);
  });

  it('--help and a usage error load no service, no database layer and no heavy package', () => {
    // The last one lacks --list: commander's usage error.
    for (const args of [['--help'], ['breakdown', '--help'], ['breakdown']]) {
      const r = runNotingModules(args, dir);
      expect(r.stderr).toContain('started from the bundle');
      expect(r.files.has('lead-console.mjs')).toBe(true);
      expect([...r.inputs].filter((f) => f.startsWith('main/services/') || f.startsWith('main/web/') || f.startsWith('main/ipc/'))).toEqual([]);
      expect([...r.inputs]).not.toContain('main/db/open-database.ts');
      for (const p of HEAVY_PACKAGES) expect([...r.packages]).not.toContain(p);
      expect(r.packages.has('commander')).toBe(true);
    }
  });

  it('a breakdown loads the services and the database layer, not zod, the jobs, the web server or the checkpoint worker', () => {
    const db = path.join(dir, 'empty.sqlite');
    // A command that writes runs SQLite's checkpoints on the worker thread (its file is noted)...
    const migrate = runNotingModules(['migrate', '--db', db], dir);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.files.has('wal-checkpointer-worker.mjs')).toBe(true);
    // The service answers (an empty database has no list 1).
    const r = runNotingModules(['breakdown', '--db', db, '--list', '1'], dir);
    expect(r.stderr).toContain('List 1 does not exist');
    // ...one that only reads starts no such thread (database-options.ts, NO_CHECKPOINT_WORKER).
    expect(r.files.has('wal-checkpointer-worker.mjs')).toBe(false);
    expect(r.inputs.has('main/services/create-services.ts')).toBe(true);
    expect(r.inputs.has('main/db/open-database.ts')).toBe(true);
    expect(r.packages.has('kysely')).toBe(true);
    for (const p of ['zod', 'luxon', 'cronstrue', 'cron-parser', 'node-schedule']) expect([...r.packages]).not.toContain(p);
    expect([...r.inputs].filter((f) => f.startsWith('main/web/') || f.startsWith('main/services/jobs/'))).toEqual([]);
  });
});
