import { describe, expect, it } from 'vitest';
import { batchedPrefixCheck } from './harness/invariants';
import { TABLES, type TableSnapshot } from '../support/table-snapshot';

// The crash harness's fix invariant, on hand-made dumps: batches of 2 leads, each lead either as
// before (status null) or as the run leaves it (status 'new').
function dump(statuses: (string | null)[]): TableSnapshot {
  const d = Object.fromEntries(TABLES.map((t) => [t, []])) as unknown as TableSnapshot;
  d.leads = statuses.map((status, i) => ({ id: i + 1, status }));
  return d;
}
const pre = dump([null, null, null, null, null, null, null, null]);
const ref = dump(['new', 'new', 'new', 'new', 'new', 'new', 'new', 'new']);

describe('fix batches after a kill', () => {
  it('accepts a prefix of batches, and later batches done early only within the ranges in flight', () => {
    const inOrder = dump(['new', 'new', 'new', 'new', null, null, null, null]);
    const threeInFlight = dump(['new', 'new', null, null, 'new', 'new', 'new', 'new']); // batch 1 pending, 2 and 3 done
    expect(batchedPrefixCheck(2, 1)(pre, inOrder, ref)).toEqual([]);
    expect(batchedPrefixCheck(2, 3)(pre, threeInFlight, ref)).toEqual([]);
    expect(batchedPrefixCheck(2, 1)(pre, threeInFlight, ref)).toEqual([expect.stringMatching(/lead 7 is fixed but lead 3, 2 batches earlier/)]);
  });

  it('refuses a batch done three batches after a pending one, and a half-fixed batch', () => {
    const tooFar = dump([null, null, 'new', 'new', 'new', 'new', 'new', 'new']); // batch 0 pending, batch 3 done
    expect(batchedPrefixCheck(2, 3)(pre, tooFar, ref)).toEqual([expect.stringMatching(/at most 3 in flight/)]);
    const half = dump(['new', 'other', null, null, null, null, null, null]);
    expect(batchedPrefixCheck(2, 3)(pre, half, ref)).toEqual([expect.stringMatching(/lead 2 is half-changed/)]);
  });
});
