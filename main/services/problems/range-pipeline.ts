// How a problem scan or fix goes through the leads: in consecutive id ranges (memory stays flat),
// several in flight at once where the dialect allows (fixRanges.inFlight), their outcomes taken
// in id order.
import type { Db, Dialect } from '../../db/dialect';
import type { LeadScope } from '../leads/lead-repository';
import { nextLeadRange, scopeStart } from './scan-ranges';

/** Lead ids `afterId < id <= upTo` of the scope: `count` leads. */
export interface LeadRange {
  afterId: number;
  upTo: number;
  count: number;
}

/** The scope's leads in consecutive ranges of `size`, until none is left or `shouldStop` says so (then `stopped`). */
export class LeadRanges implements AsyncIterable<LeadRange> {
  stopped = false;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    private readonly scope: LeadScope,
    private readonly size: number,
    private readonly shouldStop?: () => boolean,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<LeadRange> {
    for (let afterId = await scopeStart(this.db, this.scope); ; ) {
      if (this.shouldStop?.()) {
        this.stopped = true;
        return;
      }
      const range = await nextLeadRange(this.db, this.dialect, this.scope, afterId, this.size);
      if (!range) return;
      yield { afterId, ...range };
      afterId = range.upTo;
    }
  }
}

/**
 * `run` over each item, up to `inFlight` at once, outcomes yielded in the items' order. The next
 * item is taken only once the consumer has taken the oldest outcome beyond `inFlight`. Whatever
 * ends the iteration (the end, an error, the consumer leaving), the runs in flight finish first.
 */
export async function* inOrder<T, R>(items: AsyncIterable<T>, run: (item: T) => Promise<R>, inFlight: number): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  try {
    for await (const item of items) {
      const outcome = run(item);
      // Awaited in order below; until then a failure must not count as unhandled.
      outcome.catch(() => undefined);
      pending.push(outcome);
      if (pending.length >= inFlight) yield await pending.shift()!;
    }
    while (pending.length > 0) yield await pending.shift()!;
  } finally {
    await Promise.allSettled(pending);
  }
}
