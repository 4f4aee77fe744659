// Group commit for dial results. A dialer reports calls from many channels at once; each one
// alone is a transaction, and on PostgreSQL two round trips and a WAL flush. Results that arrive
// while earlier ones are being written wait for them and then go together, one transaction for
// the lot: a caller waits at most for the batch ahead of it, and one that arrives alone goes at
// once, alone. Each call is still applied by the same rules and answered on its own.
//
// Two calls for the same lead are never written at once, in one batch or in two side by side: a
// batch's statements read every lead before any is written, so a second call would see the lead
// as it was before the first, and two transactions would race for it. The second waits for the
// first to be written: a lead's calls are applied in the order they arrived.

export interface DialBatcherOptions<I> {
  /** Batches being written at once (their transactions run side by side). */
  maxInFlight: number;
  /** Calls in one batch at most. */
  maxBatch: number;
  /** Calls with the same key are never written at the same time. */
  keyOf(item: I): number | string;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(reason: unknown): void;
}

export class DialBatcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  /** Keys of the calls being written. */
  private readonly writing = new Set<number | string>();
  private pumpScheduled = false;

  constructor(
    /** Writes one batch; one settled result per item, in order. */
    private readonly write: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
    private readonly options: DialBatcherOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // Alone, it goes at once; right after a batch, it waits for the callers answered with it.
      if (!this.pumpScheduled) this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      // The waiting calls shared among the free slots: transactions side by side keep the
      // server's cores busy while one of them waits for its commit to reach the disk.
      const batch = this.take(Math.ceil(this.waiting.length / (this.options.maxInFlight - this.inFlight)));
      if (batch.length === 0) return;
      const keys = batch.map((w) => this.options.keyOf(w.item));
      for (const key of keys) this.writing.add(key);
      this.inFlight += 1;
      this.write(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => settle(w, results[i])),
          (error) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          for (const key of keys) this.writing.delete(key);
          this.inFlight -= 1;
          // Alone (nothing else waiting or being written), the next call goes at once. Otherwise
          // the next batch starts after the callers just answered have had their turn: a dialer's
          // channel reports its next call as soon as it has its answer, and it joins that batch.
          if (this.waiting.length === 0 && this.inFlight === 0) return;
          this.pumpScheduled = true;
          setImmediate(() => {
            this.pumpScheduled = false;
            this.pump();
          });
        });
    }
  }

  /**
   * The oldest waiting calls, one per key and none whose key is being written, up to `size` (and
   * maxBatch); the others keep their place.
   */
  private take(size: number): Waiting<I, O>[] {
    const keys = new Set<number | string>();
    const batch: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    for (const w of this.waiting) {
      const key = this.options.keyOf(w.item);
      if (batch.length < Math.min(size, this.options.maxBatch) && !keys.has(key) && !this.writing.has(key)) {
        keys.add(key);
        batch.push(w);
      } else rest.push(w);
    }
    this.waiting.splice(0, this.waiting.length, ...rest);
    return batch;
  }
}

function settle<O>(w: Waiting<unknown, O>, result: PromiseSettledResult<O> | undefined): void {
  if (!result) w.reject(new Error('dial batch: no result for a call'));
  else if (result.status === 'fulfilled') w.resolve(result.value);
  else w.reject(result.reason);
}
