// Every difference between SQLite and PostgreSQL is in main/db/ (a capability or method of the
// dialect, or the sqlite/ and postgres/ folders) or in one of the two per-feature SQL forks. A
// service that names a database instead would spread the differences again: this scan fails then.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICES = path.join(ROOT, 'main/services');
/** The per-feature SQL forks: the dial path's, the hopper's and the lead search's. */
const FORKS = new Set(['main/services/calls/status-dialect.ts', 'main/services/hopper/hopper-dialect.ts']);

/** What naming a database looks like in code (comments are stripped first). */
const NAMES_A_DATABASE: [string, RegExp][] = [
  ['dialect.name', /\bdialect\s*\.\s*name\b|\.dialect\s*\.\s*name\b/],
  ['supportsRowLocks', /\bsupportsRowLocks\b/],
  ['pipelinedTransaction', /\bpipelinedTransaction\b/],
  ["a 'sqlite' or 'postgres' literal", /['"`](sqlite|postgres)['"`]/],
  ['the SQLITE or POSTGRES dialect', /\b(SQLITE|POSTGRES|DIALECTS)\b/],
  ['the target kind', /\btarget\s*\.\s*kind\b/],
  ['a database folder or driver', /from\s+['"]([^'"]*\/db\/(sqlite|postgres)\/[^'"]*|better-sqlite3|pg)['"]/],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) ? [full] : [];
  });
}

/** The code without its comments, line numbers kept. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function violations(file: string, text: string): string[] {
  const code = withoutComments(text).split('\n');
  const found: string[] = [];
  code.forEach((line, i) => {
    for (const [what, re] of NAMES_A_DATABASE) if (re.test(line)) found.push(`${file}:${i + 1} names ${what}: ${line.trim()}`);
  });
  return found;
}

describe('the dialect boundary', () => {
  it('no service outside the per-feature forks names a database', () => {
    const files = sourceFiles(SERVICES).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    expect(files.length).toBeGreaterThan(20);
    const found = files.filter((f) => !FORKS.has(f)).flatMap((f) => violations(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the scan sees each way of naming a database, and not one in a comment', () => {
    const code = [
      "if (dialect.name === 'postgres') return;",
      'if (handle.dialect.name) return;',
      'q = dialect.supportsRowLocks ? q.forUpdate() : q;',
      'await handle.pipelinedTransaction!(fn);',
      "const fast = kind === 'sqlite';",
      'const size = POSTGRES.fixRanges.size;',
      'if (handle.target.kind) return;',
      "import { withStatementCache } from '../../db/sqlite/statement-cache';",
      "import pg from 'pg';",
    ];
    for (const line of code) expect(violations('x.ts', line).length, line).toBeGreaterThan(0);
    expect(violations('x.ts', "// on PostgreSQL, dialect.name === 'postgres' locks rows\n/* SQLITE */ const a = 1;")).toEqual([]);
  });

  it('the forks still exist (a rename must update this test)', () => {
    for (const f of FORKS) expect(fs.existsSync(path.join(ROOT, f)), f).toBe(true);
  });
});
