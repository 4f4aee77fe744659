// Runs hostile command lines, two at a time (each spawn costs about half a second), and checks
// each: exit 2, one readable line on stderr (commander may add its usage hint), no secret.
import { expect } from 'vitest';
import { runCli, type CliResult } from '../../support/cli';

const HINT = '(run with --help for usage)';

export function expectUsageError(args: string[], r: CliResult): void {
  const what = `lead-console ${args.map((a) => (a.length > 60 ? `${a.slice(0, 60)}…` : a)).join(' ')}\nstderr: ${r.stderr.slice(0, 500)}`;
  expect(r.code, what).toBe(2);
  // The one-line warning about a password in --database-url (issue 20) may precede the refusal.
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Warning: the password in --database-url'));
  expect(lines.length, what).toBeGreaterThanOrEqual(1);
  expect(lines.slice(1).every((l) => l === HINT), what).toBe(true);
  expect(lines[0].length, what).toBeLessThanOrEqual(400);
  expect(r.stderr, what).not.toMatch(/Unexpected error|\n\s+at |hunter2|TypeError|RangeError/);
}

export async function runAll(cases: string[][], extra: string[], each: (args: string[], r: CliResult) => Promise<void> | void, parallel = 2): Promise<number> {
  let next = 0;
  let ran = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= cases.length) return;
      const args = [...cases[i], ...extra];
      const r = await runCli(args, { timeoutMs: 30_000 });
      ran += 1;
      await each(args, r);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ran;
}
