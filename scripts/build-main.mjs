// Bundles Electron's main process and the preload into dist/ with esbuild. Native modules
// (better-sqlite3) and Electron itself stay external: they load from node_modules at run time,
// where electron-builder has rebuilt better-sqlite3 for Electron and unpacked it from the asar.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // No source maps in what ships (LEAD_CONSOLE_SOURCEMAPS=1 for a debugging build).
  sourcemap: process.env.LEAD_CONSOLE_SOURCEMAPS === '1',
  logLevel: 'warning',
  legalComments: 'none',
};

await build({
  ...common,
  entryPoints: ['main/electron/electron-main.ts'],
  outfile: 'dist/main/electron-main.js',
  format: 'esm',
  external: ['electron', 'better-sqlite3', 'pg-native'],
  // Bundled CommonJS dependencies (pg, node-schedule) call require() for Node built-ins.
  banner: { js: "import { createRequire as __lcCreateRequire } from 'node:module'; const require = __lcCreateRequire(import.meta.url);" },
});

// The WAL checkpointer's and the long-work thread's workers are loaded by file name next to the
// main bundle (main/db/sqlite/wal-checkpointer.ts and long-work-thread.ts resolve them relative
// to their own module).
for (const worker of ['wal-checkpointer-worker', 'long-work-worker']) {
  await build({
    ...common,
    entryPoints: [`main/db/sqlite/${worker}.mjs`],
    outfile: `dist/main/${worker}.mjs`,
    format: 'esm',
    external: ['better-sqlite3'],
  });
}

// A sandboxed preload cannot import modules: one CommonJS file with only Electron external.
await build({
  ...common,
  entryPoints: ['preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  format: 'cjs',
  minify: true,
  external: ['electron'],
});

console.log('Built dist/main/electron-main.js, its two workers (dist/main/*-worker.mjs) and dist/preload/preload.cjs');
