// Item 3 (bad input), IPC side: every channel of the contract, through the same `dispatch` the
// Electron adapter and the browser-mode server call, on a seeded database of each dialect, gets
// hostile requests (fast-check, seeded). Each must come back as a readable `{ ok: false }`
// (or, for a read, a harmless answer), leave every table as it was, and leave the console up.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import { fixedClock } from '../../main/db/time';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import type { HandlerContext, Handlers } from '../../main/ipc/handler-types';
import { manualTrigger } from '../../main/services/jobs';
import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../shared/ipc/contract';
import { createTestTarget, describeEachDialect } from '../support/databases';
import { changedTables, snapshotTables } from '../support/table-snapshot';
import { SQL_FRAGMENTS } from './support/hostile';
import { applyMutation, channelCases, describeMutation, mutations } from './support/ipc-cases';
import { expectReadableError } from './support/readable';
import { SEED_NOW, seedSmall, type Seeded } from './support/seed';

const RUNS_PER_CHANNEL = Number(process.env.FUZZ_IPC_RUNS ?? 100);
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261124);

describeEachDialect('IPC fuzzing', ({ dialect }) => {
  let runtime: AppRuntime;
  let handlers: Handlers;
  let seeded: Seeded;
  const ctx: HandlerContext = { emit: () => undefined };
  const tried: Record<string, { cases: number; skippedValid: number; answered: number }> = {};

  beforeAll(async () => {
    runtime = new AppRuntime({ shell: 'browser', version: 'fuzz', clock: fixedClock(new Date(SEED_NOW)), jobTrigger: manualTrigger });
    await runtime.useDatabase(await createTestTarget(dialect));
    handlers = createHandlers(runtime);
    seeded = await seedSmall(runtime.handle);
  });
  afterAll(async () => {
    await runtime.stop();
    const total = Object.values(tried).reduce((n, t) => n + t.cases, 0);
    const out = path.resolve(__dirname, '../../test-results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `fuzz-ipc-${dialect}.json`), `${JSON.stringify({ dialect, seed: FUZZ_SEED, total, channels: tried }, null, 2)}\n`);
    console.log(`IPC fuzz [${dialect}]: ${total} hostile requests over ${Object.keys(tried).length} channels`);
  });

  for (const channel of CHANNEL_NAMES) {
    it(`${channel}: every hostile request is refused clearly and changes nothing`, async () => {
      const c = channelCases(seeded)[channel];
      const stats = (tried[channel] = { cases: 0, skippedValid: 0, answered: 0 });
      const infoBefore = runtime.info();
      await fc.assert(
        fc.asyncProperty(mutations(c), async (m) => {
          const input = applyMutation(c.base, m);
          const valid = CHANNELS[channel as Channel].safeParse(input ?? {}).success;
          const generic = m.kind !== 'field' || m.generic;
          if (valid && generic && !c.readOnly) {
            // A random value that happens to be a valid write request: not a hostile case.
            stats.skippedValid += 1;
            return;
          }
          stats.cases += 1;
          const before = await snapshotTables(runtime.handle);
          const r = await dispatch(handlers, channel, input, ctx);
          const after = await snapshotTables(runtime.handle);
          const what = `${channel} with ${describeMutation(m)}`;
          expect(changedTables(before, after), what).toEqual([]);
          expect(runtime.info(), what).toEqual(infoBefore);
          if (!valid) {
            expect(r, what).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
          } else if (!c.readOnly) {
            expect(r.ok, what).toBe(false);
          }
          if (r.ok) stats.answered += 1;
          else expectReadableError(r.error, ['hunter2', 'x'.repeat(300)]);
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: FUZZ_SEED + CHANNEL_NAMES.indexOf(channel), endOnFailure: true },
      );
      // Valid requests are passed over; a channel whose cases were mostly valid tested nothing.
      expect(stats.cases, `${channel}: hostile cases tried`).toBeGreaterThanOrEqual(RUNS_PER_CHANNEL / 2);
    });
  }

  it('keeps SQL fragments as data: previews find nothing, filters match nothing, a reason is stored verbatim', async () => {
    const { listId } = seeded;
    const preview = await dispatch(handlers, 'recycling/preview', { listId, statuses: SQL_FRAGMENTS }, ctx);
    expect(preview, JSON.stringify(preview)).toMatchObject({ ok: true, value: { will_change: 0 } });
    for (const fragment of SQL_FRAGMENTS.filter((f) => f.length <= 64)) {
      expect(await dispatch(handlers, 'audit/list', { operationId: fragment }, ctx)).toEqual({ ok: true, value: [] });
    }
    const leadsBefore = await runtime.handle.db.selectFrom('leads').select(['id', 'status']).orderBy('id').execute();
    const reason = "'; drop table leads; --";
    const r = await dispatch(handlers, 'recycling/recycle', { listId: seeded.otherListId, statuses: ['sale'], finalOverride: { reason } }, ctx);
    expect(r).toMatchObject({ ok: true, value: { changed: 1 } });
    const leadsAfter = await runtime.handle.db.selectFrom('leads').select(['id', 'status']).orderBy('id').execute();
    expect(leadsAfter.length).toBe(leadsBefore.length);
    expect(leadsAfter.filter((l, i) => l.status !== leadsBefore[i].status)).toEqual([expect.objectContaining({ status: 'new' })]);
    const audit = await runtime.handle.db.selectFrom('lead_status_audit').select('reason').where('source', '=', 'recycle').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.reason).toContain(`final override: ${reason}`);
  });
}, { open: false });
