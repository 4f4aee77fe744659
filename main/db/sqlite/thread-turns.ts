// Who uses the long-work thread's one connection next. A user holds it for one statement (or a
// whole transaction); the others wait their turn. Waiters asking for a screen the supervisor is
// looking at (an explain, hopper stats, a report: "asked") go before background work (a fix's,
// a dry run's or the live view's next range): the connection is handed over between two of the
// long work's statements, so a 150 ms explain waits for one statement of a 30 s fix, not for the
// rest of it (issue 22: the Hopper screen's explain took 3.4 s behind the live view's problem
// count, 4 s behind another tab's dry run).

export type TurnPriority = 'asked' | 'background';

export class ThreadTurns {
  #held = false;
  readonly #waiting: Record<TurnPriority, (() => void)[]> = { asked: [], background: [] };

  /** Resolves when the caller holds the connection; `release` hands it to the next waiter. */
  async take(priority: TurnPriority): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting[priority].push(resolve));
  }

  release(): void {
    const next = this.#waiting.asked.shift() ?? this.#waiting.background.shift();
    // Still held: the next holder goes on without a gap another caller could take.
    if (next) next();
    else this.#held = false;
  }
}
