// Runs one job once: claims the tick (scheduled runs), takes the job's lease, calls the job,
// and records the outcome. A job that throws is recorded `failed`; it never escapes.
import type { JobName, JobRun, JobRunSource } from '../../../shared/types/jobs';
import { writeTransaction } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import type { Services } from '../create-services';
import { JOB_DEFINITIONS } from './job-definitions';
import type { EmitJobEvent } from './job-events';
import { acquireLease, releaseLease, renewLease } from './job-leases';
import { claimRun, finishRun, markAbandoned, type RunEnd } from './job-runs';

export interface RunnerOptions {
  handle: DbHandle;
  services: Services;
  clock: Clock;
  runnerId: string;
  /** How long a lease lasts without renewal: how soon a dead holder's job can run elsewhere. */
  leaseMs: number;
  emit: EmitJobEvent;
}

export interface RunRequest {
  job: JobName;
  /** The cron tick (scheduled runs); null for "run now". */
  scheduledAt: Date | null;
  shouldStop: () => boolean;
}

export class JobRunner {
  /**
   * Runs of ours that ended while the database was out of reach: their end is not recorded and
   * their lease not released. Without this, the job would stay "held" by a run that is over
   * until the lease lapses (minutes after the database is back).
   */
  private readonly unrecorded = new Map<JobName, { runId: number; end: RunEnd }>();

  constructor(private readonly o: RunnerOptions) {}

  private async recordEnd(job: JobName, runId: number, end: RunEnd): Promise<void> {
    await finishRun(this.o.handle.db, runId, end);
    await releaseLease(this.o.handle.db, job, this.o.runnerId, runId);
  }

  /**
   * Returns the recorded run, or null when another scheduler already claimed this tick.
   * Throws only when the database cannot be reached to claim the run (nothing was recorded).
   */
  async run(request: RunRequest): Promise<JobRun | null> {
    const { handle, clock, runnerId, leaseMs } = this.o;
    const { db, dialect } = handle;
    const pending = this.unrecorded.get(request.job);
    if (pending) {
      // Throws while the database is still out of reach: nothing is claimed then.
      await this.recordEnd(request.job, pending.runId, pending.end);
      this.unrecorded.delete(request.job);
    }
    const startedAt = clock();
    const source: JobRunSource = request.scheduledAt ? 'schedule' : 'manual';
    const base = {
      job: request.job,
      scheduled_at: request.scheduledAt ? request.scheduledAt.toISOString() : null,
      source,
      started_at: startedAt.toISOString(),
      runner: runnerId,
    };

    // The claim and the lease in one write transaction: a tick is either ours and running,
    // recorded as skipped, or someone else's. Nothing in between survives a crash.
    const claim = await writeTransaction(db, dialect, async (trx) => {
      const id = await claimRun(trx, base);
      if (id === null) return null;
      const lease = await acquireLease(trx, request.job, runnerId, id, startedAt, leaseMs);
      if (lease.acquired && lease.previous?.run_id != null) {
        await markAbandoned(trx, lease.previous.run_id, base.started_at, lease.previous.holder);
      }
      if (!lease.acquired) {
        const who = lease.previous ? `${lease.previous.holder}${lease.previous.run_id != null ? ` (run ${lease.previous.run_id})` : ''}` : 'another runner';
        const end: RunEnd = { outcome: 'skipped', finished_at: base.started_at, error: `Skipped: ${who} was still running this job.` };
        await finishRun(trx, id, end);
        return { id, skipped: end };
      }
      return { id, skipped: null };
    });
    if (claim === null) return null;
    if (claim.skipped) {
      const run: JobRun = { id: claim.id, ...base, outcome: 'skipped', finished_at: claim.skipped.finished_at, counts: {}, error: claim.skipped.error ?? null };
      this.o.emit('run-finished', run);
      return run;
    }

    this.o.emit('run-started', { job: request.job, run_id: claim.id, started_at: base.started_at });
    const heartbeat = setInterval(() => {
      renewLease(db, request.job, runnerId, claim.id, clock(), leaseMs).catch(() => undefined);
    }, Math.max(50, Math.floor(leaseMs / 3)));
    heartbeat.unref?.();

    let end: RunEnd;
    try {
      const result = await JOB_DEFINITIONS[request.job].run({ services: this.o.services, shouldStop: request.shouldStop });
      end = { outcome: 'ok', finished_at: clock().toISOString(), counts: result.counts, error: result.note ?? null };
    } catch (error) {
      end = { outcome: 'failed', finished_at: clock().toISOString(), counts: {}, error: oneLine(error) };
    } finally {
      clearInterval(heartbeat);
    }

    // Recording the end may meet a lost connection: retry a few times. If it still fails the
    // lease lapses and the next runner marks this run as abandoned.
    await retry(() => this.recordEnd(request.job, claim.id, end), 3, 500).catch(() => {
      this.unrecorded.set(request.job, { runId: claim.id, end });
    });

    const run: JobRun = { id: claim.id, ...base, outcome: end.outcome, finished_at: end.finished_at, counts: end.counts ?? {}, error: end.error ?? null };
    this.o.emit('run-finished', run);
    return run;
  }
}

function oneLine(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return message.split('\n')[0].slice(0, 500) || 'The job failed without a message.';
}

async function retry(fn: () => Promise<void>, attempts: number, delayMs: number): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, delayMs * i));
    }
  }
}
