// The import rules of docs/architecture.md ("Layers and import rules"), as dependency-cruiser
// checks them with .dependency-cruiser.cjs: the repository breaks none, and a small tree laid out
// like it (fixture/) with one deliberate break of each kind is reported, so a rule that stopped
// matching anything would fail here too.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = 'test/architecture/fixture';
const SOURCES = ['main', 'shared', 'preload', 'renderer', 'bench', 'test', 'scripts', 'bin'];

async function check(baseDir: string, sources: string[], extra: Partial<ICruiseOptions> = {}): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(path.join(ROOT, 'tsconfig.json'));
  const reported = await cruise(sources, { ...options, ...extra, baseDir }, {}, { tsConfig });
  return reported.output as ICruiseResult;
}

const described = (v: IViolation) => `${v.rule.name}: ${[v.from, v.to, ...(v.cycle ?? []).map((c) => c.name)].join(' → ')}`;

describe('import boundaries', () => {
  it('the repository breaks no rule, and every relative import resolves', { timeout: 240_000 }, async () => {
    const result = await check(ROOT, SOURCES, { exclude: { path: `(^|/)(node_modules|dist|coverage|test-results)/|^${FIXTURE}/` } });
    expect(result.summary.violations.map(described)).toEqual([]);
    // An import the resolver cannot follow is an edge no rule can see.
    const unresolved = result.modules.filter((m) => m.couldNotResolve && m.source.startsWith('.')).map((m) => m.source);
    expect(unresolved).toEqual([]);
    expect(result.summary.totalCruised).toBeGreaterThan(200);
  });

  it('reports a renderer that imports main, a service that imports the IPC contract, one database folder importing the other, and a cycle', { timeout: 120_000 }, async () => {
    const result = await check(path.join(ROOT, FIXTURE), ['renderer', 'main', 'shared', 'bench']);
    expect(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()).toEqual([
      'db-dialect-folders-apart: main/db/sqlite/open-sqlite.ts → main/db/postgres/pipeline.ts',
      'no-cycles: bench/child.ts → bench/throughput.ts',
      'renderer-not-main: renderer/src/reaches-main.ts → main/services/jobs/uses-contract.ts',
      'services-not-transport: main/services/jobs/uses-contract.ts → shared/ipc/contract.ts',
    ]);
  });
});
