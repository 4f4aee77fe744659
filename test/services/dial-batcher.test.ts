import { describe, expect, it } from 'vitest';
import { DialBatcher } from '../../main/services/calls/dial-batcher';

// The scheduling of group commit, with a writer that records the batches it is given: which calls
// go together, when, and who gets which answer. (What a batch writes is tested on both databases
// in status-dial-batches.test.ts.)
interface Call {
  lead: number;
  tag: string;
}

function harness(options: { maxInFlight: number; maxBatch?: number; fail?: (items: Call[]) => boolean }) {
  const batches: string[][] = [];
  const open: (() => void)[] = [];
  const batcher = new DialBatcher<Call, string>(
    async (items) => {
      batches.push(items.map((c) => c.tag));
      // Each batch stays "being written" until the test lets it finish.
      await new Promise<void>((resolve) => open.push(resolve));
      if (options.fail?.(items)) throw new Error(`batch ${items.map((c) => c.tag).join(',')} failed`);
      return items.map((c) => (c.tag.startsWith('bad') ? { status: 'rejected', reason: new Error(`${c.tag} refused`) } : { status: 'fulfilled', value: `done ${c.tag}` }));
    },
    { maxInFlight: options.maxInFlight, maxBatch: options.maxBatch ?? 64, keyOf: (c) => c.lead },
  );
  const finishNext = async (count = 1) => {
    for (let i = 0; i < count; i++) open.shift()!();
    // Let the answers reach their callers and the next batch start.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  };
  return { batcher, batches, finishNext, inFlight: () => open.length };
}

describe('group commit of dial results', () => {
  it('a call that arrives alone goes at once, alone', async () => {
    const { batcher, batches, finishNext } = harness({ maxInFlight: 1 });
    const answer = batcher.submit({ lead: 1, tag: 'a' });
    expect(batches).toEqual([['a']]);
    await finishNext();
    await expect(answer).resolves.toBe('done a');
  });

  it('calls that arrive while a batch is written go together in the next one, each answered with its own result', async () => {
    const { batcher, batches, finishNext } = harness({ maxInFlight: 1 });
    const first = batcher.submit({ lead: 1, tag: 'a' });
    const rest = ['b', 'c', 'd'].map((tag, i) => batcher.submit({ lead: 10 + i, tag }));
    expect(batches).toEqual([['a']]);
    await finishNext();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    await finishNext();
    await expect(first).resolves.toBe('done a');
    expect(await Promise.all(rest)).toEqual(['done b', 'done c', 'done d']);
  });

  it('never puts two calls for the same lead in one batch: the second waits for the next', async () => {
    const { batcher, batches, finishNext } = harness({ maxInFlight: 1 });
    const answers = [batcher.submit({ lead: 1, tag: 'a' }), batcher.submit({ lead: 2, tag: 'b' }), batcher.submit({ lead: 2, tag: 'c' }), batcher.submit({ lead: 3, tag: 'd' })];
    await finishNext();
    expect(batches).toEqual([['a'], ['b', 'd']]);
    await finishNext();
    expect(batches).toEqual([['a'], ['b', 'd'], ['c']]);
    await finishNext();
    expect(await Promise.all(answers)).toEqual(['done a', 'done b', 'done c', 'done d']);
  });

  it('never writes two calls for the same lead at once, even with a slot free: the later one waits', async () => {
    const { batcher, batches, finishNext } = harness({ maxInFlight: 2 });
    const answers = [batcher.submit({ lead: 1, tag: 'a' }), batcher.submit({ lead: 1, tag: 'b' }), batcher.submit({ lead: 2, tag: 'c' })];
    // 'b' waits behind 'a' (same lead); 'c' takes the free slot.
    expect(batches).toEqual([['a'], ['c']]);
    await finishNext();
    expect(batches).toEqual([['a'], ['c'], ['b']]);
    await finishNext(2);
    expect(await Promise.all(answers)).toEqual(['done a', 'done b', 'done c']);
  });

  it('keeps at most maxInFlight batches being written, and shares the waiting calls among the free ones', async () => {
    const { batcher, batches, finishNext, inFlight } = harness({ maxInFlight: 2 });
    const answers = [batcher.submit({ lead: 1, tag: 'a' }), batcher.submit({ lead: 2, tag: 'b' })];
    expect(batches).toEqual([['a'], ['b']]);
    for (const [i, tag] of ['c', 'd', 'e', 'f'].entries()) answers.push(batcher.submit({ lead: 10 + i, tag }));
    expect(inFlight()).toBe(2);
    await finishNext();
    // One slot came free: the four waiting calls go in it together.
    expect(batches).toEqual([['a'], ['b'], ['c', 'd', 'e', 'f']]);
    expect(inFlight()).toBe(2);
    for (const [i, tag] of ['g', 'h', 'i', 'j'].entries()) answers.push(batcher.submit({ lead: 20 + i, tag }));
    // Both slots come free in the same turn: two batches of two, side by side.
    await finishNext(2);
    expect(batches.slice(3)).toEqual([['g', 'h'], ['i', 'j']]);
    await finishNext(2);
    expect(await Promise.all(answers)).toHaveLength(10);
  });

  it('caps a batch at maxBatch calls', async () => {
    const { batcher, batches, finishNext } = harness({ maxInFlight: 1, maxBatch: 2 });
    const answers = ['a', 'b', 'c', 'd'].map((tag, i) => batcher.submit({ lead: i, tag }));
    await finishNext();
    await finishNext();
    await finishNext();
    expect(batches).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(await Promise.all(answers)).toHaveLength(4);
  });

  it("a refused call fails alone; a failed batch fails its own callers, and the next batches go on", async () => {
    const { batcher, finishNext } = harness({ maxInFlight: 1, fail: (items) => items.some((c) => c.tag === 'boom') });
    // Expectations attached before the batches finish: a rejection nobody awaits yet is unhandled.
    const a = expect(batcher.submit({ lead: 1, tag: 'a' })).resolves.toBe('done a');
    const b = expect(batcher.submit({ lead: 2, tag: 'bad-b' })).rejects.toThrow('bad-b refused');
    const c = expect(batcher.submit({ lead: 3, tag: 'c' })).resolves.toBe('done c');
    await finishNext();
    await finishNext();
    await Promise.all([a, b, c]);
    const boom = expect(batcher.submit({ lead: 4, tag: 'boom' })).rejects.toThrow('batch boom failed');
    const after = expect(batcher.submit({ lead: 5, tag: 'after' })).resolves.toBe('done after');
    await finishNext();
    await boom;
    await finishNext();
    await after;
  });
});
