// Pushes the live campaign view (reports/live-updated) to every window and event stream. It
// wakes often but reads only when the cache allows (once per 5 seconds per campaign, whatever
// the number of windows), and only while someone listens; a job run marks the figures out of
// date, so they are read again at the next allowed moment (within 5 seconds).
import type { JobRun } from '../../shared/types/jobs';
import type { Clock } from '../db/time';
import type { LiveViewCache } from '../services/reports/live-view';
import type { PushEventBus } from './push-events';

export interface LiveFeedOptions {
  live: LiveViewCache;
  events: PushEventBus;
  clock: Clock;
  /** How often it checks whether a read is due (ms, default 500): the push comes at most this late. */
  tickMs?: number;
}

export class LiveFeed {
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(private readonly o: LiveFeedOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.tickMs ?? 500);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.o.live.settled().catch(() => undefined);
  }

  /** A sync or reconcile run changes problem leads too; every job may change eligibility. */
  jobFinished(run: JobRun): void {
    this.o.live.markChanged(run.job === 'sync_call_log_to_lead_status' || run.job === 'reconcile_lead_status' ? 'problems' : 'leads');
  }

  /** Reads and pushes what changed, when someone listens and a read is allowed. */
  async tick(): Promise<void> {
    if (this.ticking || this.o.events.size === 0) return;
    if (this.o.clock().getTime() < this.o.live.nextReadAt()) return;
    this.ticking = true;
    try {
      const campaigns = await this.o.live.refresh();
      if (campaigns.length > 0) this.o.events.emit('reports/live-updated', { generated_at: this.o.clock().toISOString(), campaigns });
    } catch {
      // The database went away: the health check tells the window; the next tick tries again.
    } finally {
      this.ticking = false;
    }
  }
}
