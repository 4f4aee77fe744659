// Item 3 (bad input), CLI side, continued: bad database flags on every command (the password
// never printed), malformed dial results piped into record-call, and a seeded fast-check sample
// of hostile command lines on PostgreSQL. Each is refused; no row changes.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD_DATABASE_ARGS, cliSample } from './support/cli-cases';
import { expectUsageError, runAll } from './support/cli-check';
import { COMMANDS, record, SPAWN_TIMEOUT_MS, SAMPLE_RUNS, seeded, writeCounts } from './support/cli-run';
import { changedTables, snapshotTables, type TableSnapshot } from '../support/table-snapshot';

describe('CLI fuzzing: database flags, dial results, random sample', () => {
  afterAll(() => writeCounts('fuzz-cli-input'));

  it('refuses bad database flags on every command, never printing the password', async () => {
    const cases = COMMANDS.map((c, i) => [...c.split(' '), ...(c.startsWith('jobs ') && c !== 'jobs list' && c !== 'jobs history' ? ['fill_hopper'] : []), ...BAD_DATABASE_ARGS[i % BAD_DATABASE_ARGS.length]]);
    await runAll(cases, [], (args, r) => {
      record(args);
      expectUsageError(args, r);
    });
  }, SPAWN_TIMEOUT_MS);

  it('answers every malformed record-call line with an error line and changes nothing [sqlite]', async () => {
    const { h, seed, dbArgs } = await seeded('sqlite');
    try {
      const before = await snapshotTables(h);
      const lead = seed.leadIds[0];
      const lines = [
        'not json',
        '[]',
        'null',
        JSON.stringify({ call_uuid: "'; drop table call_logs; --", lead_id: lead, started_at: 'yesterday', result: 'sale' }),
        JSON.stringify({ call_uuid: 'a', lead_id: -1, started_at: '2026-11-24T10:00:00Z' }),
        JSON.stringify({ call_uuid: 'b', lead_id: 987654, started_at: '2026-11-24T10:00:00Z', result: 'sale' }),
        JSON.stringify({ call_uuid: 'c', lead_id: lead, started_at: '2026-11-24T10:00:00Z', result: 'x'.repeat(101) }),
        JSON.stringify({ call_uuid: 'x'.repeat(201), lead_id: lead, started_at: '2026-11-24T10:00:00Z' }),
        JSON.stringify({ call_uuid: 'd', lead_id: lead, started_at: '2026-11-24T10:00:00Z', duration_seconds: -5 }),
        JSON.stringify({ call_uuid: 'e', lead_id: lead, started_at: '2026-11-24T10:00:00Z', hangup_cause: 1e9 }),
        JSON.stringify({ call_uuid: 'f', lead_id: lead, started_at: '2026-11-24T10:00:00Z', extra: 1 }),
        '{"call_uuid": "g", "lead_id": 1e999, "started_at": "2026-11-24T10:00:00Z"}',
      ];
      const { runCli } = await import('../support/cli');
      const r = await runCli(['record-call', ...dbArgs], { input: `${lines.join('\n')}\n` });
      for (const l of lines) record(['record-call', l]);
      expect(r.code).toBe(1);
      const replies = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; error?: string });
      expect(replies).toHaveLength(lines.length);
      for (const reply of replies) {
        expect(reply.ok).toBe(false);
        expect(reply.error!.length).toBeLessThan(300);
      }
      expect(changedTables(before, await snapshotTables(h))).toEqual([]);
    } finally {
      await h.close();
    }
  }, SPAWN_TIMEOUT_MS);

  it(`refuses a seeded random sample of ${SAMPLE_RUNS} hostile command lines [postgres]`, async () => {
    const { h, seed, dbArgs } = await seeded('postgres');
    try {
      const before: TableSnapshot = await snapshotTables(h);
      const samples = fc.sample(cliSample(seed), { numRuns: SAMPLE_RUNS, seed: 20261124 });
      await runAll(samples, dbArgs, async (args, r) => {
        record(args);
        expectUsageError(args, r);
      });
      expect(changedTables(before, await snapshotTables(h))).toEqual([]);
    } finally {
      await h.close();
    }
  }, SPAWN_TIMEOUT_MS);
});
