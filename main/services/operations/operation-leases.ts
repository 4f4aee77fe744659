// Who is running an operation (issue 19, item 4): beside each `running` operation, a lease row in
// job_leases (`operation:<id>`, the jobs' own lease table) names the process that runs it
// (host#pid) and until when it is known alive. A run that commits in steps (a fix) renews it while
// it works. An operation left `running` whose lease has lapsed, or whose process on this machine is
// gone, was cut off: operation-recovery.ts marks it `interrupted` when a console or a CLI run
// starts. Times here are the machine's real time, never the operation's clock (`--now`).
import os from 'node:os';
import type { Db } from '../../db/dialect';

/** How long a lease says its holder is alive without a renewal (another console on PostgreSQL). */
export const OPERATION_LEASE_MS = 10 * 60_000;
/** A run that commits in steps renews its lease this often. */
const RENEW_EVERY_MS = 60_000;
const PREFIX = 'operation:';

/** This process, as a lease names it. */
export const THIS_PROCESS = `${os.hostname()}#${process.pid}`;

export const leaseKey = (operationId: string) => `${PREFIX}${operationId}`;

/** The operations this process runs now: a lease naming this process and not here is a dead one's (its pid reused). */
const runningHere = new Set<string>();

const expiry = (from = Date.now()) => new Date(from + OPERATION_LEASE_MS).toISOString();

/** Written before the operation's row (or in its transaction): a `running` row never lacks one while alive. */
export async function takeOperationLease(db: Db, operationId: string): Promise<void> {
  const now = new Date().toISOString();
  runningHere.add(operationId);
  await db.insertInto('job_leases').values({ job: leaseKey(operationId), holder: THIS_PROCESS, run_id: null, acquired_at: now, expires_at: expiry() }).execute();
}

export async function releaseOperationLease(db: Db, operationId: string): Promise<void> {
  runningHere.delete(operationId);
  await db.deleteFrom('job_leases').where('job', '=', leaseKey(operationId)).execute();
}

/**
 * Renews the lease of a run that commits in steps until the returned function is called. A failed
 * renewal is left to the next one: the lease lasts ten renewals' time.
 */
export function keepOperationLease(db: Db, operationId: string): () => void {
  const timer = setInterval(() => {
    db.updateTable('job_leases')
      .set({ expires_at: expiry() })
      .where('job', '=', leaseKey(operationId))
      .where('holder', '=', THIS_PROCESS)
      .execute()
      .catch(() => undefined);
  }, RENEW_EVERY_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}

export interface OperationLease {
  holder: string;
  expires_at: string;
}

/** The leases of these operations, by operation id. */
export async function operationLeases(db: Db, operationIds: readonly string[]): Promise<Map<string, OperationLease>> {
  if (operationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('job_leases')
    .select(['job', 'holder', 'expires_at'])
    .where('job', 'in', operationIds.map(leaseKey))
    .execute();
  return new Map(rows.map((r) => [r.job.slice(PREFIX.length), { holder: r.holder, expires_at: r.expires_at }]));
}

/** Whether the holder is a process of this machine that no longer runs the operation. */
function holderIsGoneHere(operationId: string, holder: string): boolean {
  if (holder === THIS_PROCESS) return !runningHere.has(operationId);
  const at = holder.lastIndexOf('#');
  if (at < 0 || holder.slice(0, at) !== os.hostname()) return false;
  const pid = Number(holder.slice(at + 1));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** No live lease: none, lapsed, or its process on this machine is gone. */
export function leaseIsDead(operationId: string, lease: OperationLease | undefined, now = Date.now()): boolean {
  if (!lease) return true;
  if (Date.parse(lease.expires_at) <= now) return true;
  return holderIsGoneHere(operationId, lease.holder);
}
