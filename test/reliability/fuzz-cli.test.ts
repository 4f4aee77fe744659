// Item 3 (bad input), CLI side: every command, spawned as a supervisor would run it, with a
// table of hostile values per flag on a seeded SQLite file. Each must exit 2 with one readable
// line and change no row. (fuzz-cli-input.test.ts: database flags, record-call, PostgreSQL.)
import { afterAll, describe, expect, it } from 'vitest';
import { cliTable } from './support/cli-cases';
import { expectUsageError, runAll } from './support/cli-check';
import { COMMANDS, record, SPAWN_TIMEOUT_MS, seeded, writeCounts } from './support/cli-run';
import { changedTables, snapshotTables } from '../support/table-snapshot';

describe('CLI fuzzing: hostile flag values', () => {
  afterAll(() => writeCounts('fuzz-cli'));

  it('covers every registered command', async () => {
    const { buildProgram } = await import('../../main/cli/index');
    const names = buildProgram().commands.flatMap((c) => (c.commands.length > 0 ? c.commands.map((s) => `${c.name()} ${s.name()}`) : [c.name()]));
    expect(names.sort()).toEqual([...COMMANDS].sort());
  });

  it('refuses a table of hostile flag values on every command with exit 2 and one line; no row changes [sqlite]', async () => {
    const { h, seed, dbArgs } = await seeded('sqlite');
    try {
      const before = await snapshotTables(h);
      const table = cliTable(seed);
      const ran = await runAll(table, dbArgs, async (args, r) => {
        record(args);
        expectUsageError(args, r);
        expect(changedTables(before, await snapshotTables(h)), args.join(' ').slice(0, 200)).toEqual([]);
      });
      expect(ran).toBe(table.length);
    } finally {
      await h.close();
    }
  }, SPAWN_TIMEOUT_MS);
});
