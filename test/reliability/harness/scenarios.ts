// The four operations the crash harness kills, each with its run, its rerun, the data it
// needs beyond the demo seed, and the invariants specific to it.
import type { DbHandle } from '../../../main/db/open-database';
import { DIALECTS, type DialectName } from '../../../main/db/dialect';
import { DEMO_NOW } from '../../../main/demo/seed-demo';
import {
  checkAllOrNothing,
  batchedPrefixCheck,
  checkHopperCompliance,
  checkMonotoneCounters,
  checkSyncCounters,
} from './invariants';
import type { TableDump } from './table-dump';

export const OPERATIONS = ['fix', 'sync', 'recycle', 'jobs'] as const;
export type OperationName = (typeof OPERATIONS)[number];

export interface Operation {
  name: OperationName;
  /** Extra rows written into the template after seeding (as a dialer would write them). */
  prepare?(h: DbHandle, random: () => number): Promise<void>;
  /** The run that is killed. */
  run: string[];
  /** What finishes the job after a kill; the uninterrupted reference runs `run` then `rerun`. */
  rerun: string[];
  /** Whether the reference is `run` alone (a rerun after a complete run changes nothing). */
  referenceIsRunOnly: boolean;
  /**
   * Parts of the end state that differ between two uninterrupted runs as well, so they are not
   * compared (they are checked by invariants instead).
   */
  unordered?: string[];
  check(pre: TableDump, post: TableDump, ref: TableDump): string[];
}

const NOW = DEMO_NOW;
// run-jobs --once at 02:00 (TZ=UTC) has every job due, the daily reconcile included; the
// rerun is the next day's 02:00, when every lease of the killed runner has lapsed.
const JOBS_AT = '2026-11-25T02:00:00.000Z';
const JOBS_NEXT = '2026-11-26T02:00:00.000Z';
const RESULTS = ['no_answer', 'busy', 'sale', 'dnc', 'voicemail', 'dropped', 'contacted', 'NA', null, 'callback', 'not_interested', 'failed'];
const CAUSES = [null, '486', '17', '480', 'NORMAL_CIRCUIT_CONGESTION', '404'];

/** One or two new, unapplied calls for two leads in three, from the last two hours before NOW. */
async function addUnappliedCalls(h: DbHandle, random: () => number): Promise<void> {
  const leads = await h.db.selectFrom('leads').select('id').orderBy('id').execute();
  const rows = [];
  let n = 0;
  for (const { id } of leads) {
    if (id % 3 === 0) continue;
    const count = random() < 0.3 ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const started = new Date(Date.parse(NOW) - Math.floor(random() * 2 * 3_600_000)).toISOString();
      rows.push({
        call_uuid: `crash-${id}-${++n}`,
        lead_id: id,
        started_at: started,
        result: RESULTS[Math.floor(random() * RESULTS.length)],
        hangup_cause: CAUSES[Math.floor(random() * CAUSES.length)],
        lead_synced_at: null,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await h.db.insertInto('call_logs').values(rows.slice(i, i + 500)).execute();
}

export function operation(name: OperationName, db: string[], dialect: DialectName): Operation {
  switch (name) {
    case 'fix':
      return {
        name,
        run: ['fix-lead-status', ...db, '--now', NOW, '--batch-size', '5', '--json'],
        rerun: ['fix-lead-status', ...db, '--now', NOW, '--batch-size', '5', '--json'],
        referenceIsRunOnly: true,
        check: batchedPrefixCheck(5, DIALECTS[dialect].fixRanges.inFlight), // the run's --batch-size
      };
    case 'sync':
      return {
        name,
        prepare: addUnappliedCalls,
        run: ['sync-calls', ...db, '--now', NOW, '--batch-size', '5', '--json'],
        rerun: ['sync-calls', ...db, '--now', NOW, '--batch-size', '5', '--json'],
        referenceIsRunOnly: true,
        check: (pre, post) => checkSyncCounters(pre, post),
      };
    case 'recycle': {
      const args = ['recycle', ...db, '--list', '1', '--now', NOW, '--reset-dial-count', '--json'];
      for (const s of ['no_answer', 'voicemail', 'busy', 'failed', 'dropped', 'null']) args.push('--status', s);
      return { name, run: args, rerun: args, referenceIsRunOnly: true, check: checkAllOrNothing };
    }
    case 'jobs':
      return {
        name,
        prepare: addUnappliedCalls,
        run: ['run-jobs', ...db, '--once', '--now', JOBS_AT, '--json'],
        rerun: ['run-jobs', ...db, '--once', '--now', JOBS_NEXT, '--json'],
        referenceIsRunOnly: false,
        // The six jobs run side by side: which leads fill_hopper, recycle_failed_calls and
        // retry_dropped_calls queue, and at what priority, depends on how their transactions
        // interleave with the sync's hopper removals, killed or not. The hopper is held to
        // its compliance invariant instead.
        unordered: ['hopper'],
        check: (pre, post) => [...checkMonotoneCounters(pre, post), ...checkHopperCompliance(pre, post)],
      };
  }
}
