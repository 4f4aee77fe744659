// What the largest event-loop delay of a run was made of (Linux): the main thread's own work, or
// waiting for a core. On this 2-core machine a run's other threads (the long-work lane, the
// checkpoint worker) or the PostgreSQL server's backends can keep both cores busy, and the main
// thread's timer then turns late although nothing of it ran: monitorEventLoopDelay reads that as
// a block. The kernel's schedstat of the main thread says how long it ran and how long it waited
// on a run queue; sampled on a 10 ms timer, the largest gap between two turns is split in two.
import fs from 'node:fs';

export interface LargestGap {
  /** The largest gap between two turns of the probe's timer, ms. */
  ms: number;
  /** Of it, the main thread on a core (its own work: a synchronous block, a collection), ms. */
  on_cpu_ms: number;
  /** Of it, the main thread ready to run but waiting for a core, ms. */
  waiting_for_cpu_ms: number;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/** [ns on a core, ns waiting on a run queue] of the main thread; null where the kernel does not say. */
function schedstat(): [number, number] | null {
  try {
    const [run, wait] = fs.readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
    return Number.isFinite(run) && Number.isFinite(wait) ? [run, wait] : null;
  } catch {
    return null;
  }
}

export class LoopProbe {
  #timer: NodeJS.Timeout | null = null;
  #largest: LargestGap | null = null;

  start(): void {
    let at = performance.now();
    let stat = schedstat();
    if (!stat) return;
    this.#timer = setInterval(() => {
      const now = performance.now();
      const next = schedstat();
      if (next && stat && (!this.#largest || now - at > this.#largest.ms)) {
        this.#largest = { ms: Math.round(now - at), on_cpu_ms: Math.round((next[0] - stat[0]) / 1e6), waiting_for_cpu_ms: Math.round((next[1] - stat[1]) / 1e6) };
      }
      at = now;
      stat = next;
    }, 10);
  }

  /** The largest gap seen since start (null off Linux). */
  stop(): LargestGap | null {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    return this.#largest;
  }
}
