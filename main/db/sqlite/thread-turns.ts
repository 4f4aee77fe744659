// Who uses a long-work thread's one connection next: one user at a time, for one statement (or a
// whole transaction, or an asked-for read's run of statements), then the next in the order they
// came. What a screen asks for does not queue here behind background work: it has a thread of
// its own (open-sqlite.ts, "two lanes").

export class ThreadTurns {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  /** Resolves when the caller holds the connection; `release` hands it to the next waiter. */
  async take(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    // Still held: the next holder goes on without a gap another caller could take.
    if (next) next();
    else this.#held = false;
  }
}
