// The fix's range pipeline (main/services/problems/range-pipeline.ts): outcomes in the order of
// their ranges whatever order they finish in, never more than `inFlight` running, and the runs in
// flight finished before an error or a stop leaves the pipeline.
import { describe, expect, it } from 'vitest';
import { inOrder } from '../../../main/services/problems/range-pipeline';

async function* items(n: number, onTake?: (i: number) => void): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    onTake?.(i);
    yield i;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inOrder', () => {
  it('yields outcomes in item order with at most inFlight running', async () => {
    let running = 0;
    let most = 0;
    const run = async (i: number) => {
      running++;
      most = Math.max(most, running);
      await delay(i % 2 === 0 ? 15 : 1); // even items finish after the odd one behind them
      running--;
      return i * 10;
    };
    const out: number[] = [];
    for await (const r of inOrder(items(7), run, 3)) out.push(r);
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(3);
  });

  it('takes the next item only after the consumer took the oldest outcome (one at a time with inFlight 1)', async () => {
    const log: string[] = [];
    for await (const r of inOrder(items(3, (i) => log.push(`take ${i}`)), async (i) => i, 1)) log.push(`got ${r}`);
    expect(log).toEqual(['take 0', 'got 0', 'take 1', 'got 1', 'take 2', 'got 2']);
  });

  it('lets the runs in flight finish before a consumer error leaves', async () => {
    const finished: number[] = [];
    const run = async (i: number) => {
      await delay(5 * (i + 1)); // the later runs are still going when the consumer fails
      finished.push(i);
      return i;
    };
    await expect(
      (async () => {
        for await (const r of inOrder(items(10), run, 3)) if (r === 0) throw new Error('consumer failed');
      })(),
    ).rejects.toThrow('consumer failed');
    expect(finished.sort()).toEqual([0, 1, 2]);
  });

  it('passes a failed run on, in its place', async () => {
    const out: string[] = [];
    const run = async (i: number) => {
      if (i === 1) throw new Error('range 1 failed');
      return `ok ${i}`;
    };
    await expect(
      (async () => {
        for await (const r of inOrder(items(3), run, 2)) out.push(r);
      })(),
    ).rejects.toThrow('range 1 failed');
    expect(out).toEqual(['ok 0']);
  });
});
