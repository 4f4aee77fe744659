// Long requests the caller may walk away from (docs/architecture.md "Cancelling long work"). The
// renderer names such a request (its `requestId`) and sends `requests/cancel` with that name when
// the dialog closes or the screen is left; browser mode also cancels a request whose connection
// closed. The work gets an AbortSignal and stops between two of its ranges.

/** How many early cancels (a cancel that overtook its request) are remembered. */
const EARLY_CANCELS_KEPT = 200;

export class RunningRequests {
  private readonly running = new Map<string, AbortController>();
  /** Cancels that arrived before their request: the two travel separately and may cross. */
  private readonly early = new Set<string>();

  /** Runs `work` with a signal that fires on `cancel(requestId)` or when `transport` aborts. */
  async run<T>(requestId: string | undefined, transport: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (requestId !== undefined) {
      if (this.early.delete(requestId)) controller.abort();
      this.running.set(requestId, controller);
    }
    const signal = transport ? AbortSignal.any([controller.signal, transport]) : controller.signal;
    try {
      return await work(signal);
    } finally {
      if (requestId !== undefined && this.running.get(requestId) === controller) this.running.delete(requestId);
    }
  }

  /** True when a running request was told to stop; false when none runs under that id (yet). */
  cancel(requestId: string): boolean {
    const controller = this.running.get(requestId);
    if (controller) {
      controller.abort();
      return true;
    }
    this.early.add(requestId);
    if (this.early.size > EARLY_CANCELS_KEPT) this.early.delete(this.early.values().next().value!);
    return false;
  }
}
