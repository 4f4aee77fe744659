#!/usr/bin/env node
// Starts the CLI from its bundle (dist/cli/lead-console.mjs, built by `npm install`'s `prepare`)
// when the bundle is current: no TypeScript is transpiled, so a command answers in a fraction of
// the time tsx takes. A source newer than the bundle (an edit, a checkout) rebuilds it first; when
// it cannot be built (no esbuild, a source that does not compile), the TypeScript runs through
// tsx as before, whose error messages then point at the source. LEAD_CONSOLE_TSX=1 forces tsx;
// LEAD_CONSOLE_START_TRACE=1 says on stderr which way it started (the tests read it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// scripts/build-cli.mjs writes them (LEAD_CONSOLE_CLI_DIR as there).
const CLI_DIR = process.env.LEAD_CONSOLE_CLI_DIR ? path.resolve(process.env.LEAD_CONSOLE_CLI_DIR) : path.join(ROOT, 'dist', 'cli');
const BUNDLE = path.join(CLI_DIR, 'lead-console.mjs');
const MANIFEST = path.join(CLI_DIR, 'build.json');

/**
 * The bundle exists and no file it was built from changed since the build read them. One stat
 * per file, on every start: the paths are joined by hand, not with path.join, whose normalising
 * cost three times the stats themselves (about 15 ms of CPU against 5 for the ~230 files).
 * A path with `/` works on Windows too.
 */
function bundleIsFresh() {
  try {
    const { startedAt, inputs } = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
    if (!fs.existsSync(BUNDLE) || !Array.isArray(inputs) || inputs.length === 0) return false;
    const root = `${ROOT}/`;
    for (const f of inputs) if (!(fs.statSync(root + f).mtimeMs < startedAt)) return false;
    return true;
  } catch {
    // A file gone (statSync throws) or no manifest: stale.
    return false;
  }
}

async function rebuilt() {
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    await buildCli();
    return true;
  } catch {
    return false;
  }
}

const trace = (how) => {
  if (process.env.LEAD_CONSOLE_START_TRACE === '1') process.stderr.write(`lead-console: started from ${how}\n`);
};

async function loadMain() {
  if (process.env.LEAD_CONSOLE_TSX !== '1') {
    const fresh = bundleIsFresh();
    if (fresh || (await rebuilt())) {
      trace(fresh ? 'the bundle' : 'a rebuilt bundle');
      return (await import(pathToFileURL(BUNDLE).href)).main;
    }
  }
  trace('tsx');
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../main/cli/index.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv);
