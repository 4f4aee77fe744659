// Messages between the soak's parent and its child processes (Node's fork channel).
import type { IpcResult } from '../../shared/ipc/contract';
import type { LatencySummary } from './latency';

/** What every child gets in SOAK_CHILD (JSON). */
export interface ChildConfig {
  databaseUrl: string;
  /** Added to the wall clock by every process of the soak, so they agree on the time. */
  clockOffsetMs: number;
  /** Console number, or the dialer's seed. */
  index: number;
  callsPerSecond?: number;
}

export type ParentMessage = { type: 'call'; id: number; channel: string; input: unknown } | { type: 'stop' };

export type ConsoleMessage =
  | { type: 'ready'; runner: string }
  | { type: 'reply'; id: number; result: IpcResult<unknown>; ms: number }
  /** The console told its window the database is unavailable (a user sees it). */
  | { type: 'alert'; message: string }
  | { type: 'stopped'; runsRecorded: number; internalErrors: string[] };

export interface DialerSummary {
  /** From the dialer's first call to its stop. */
  dialing_seconds: number;
  claimed: number;
  recorded: number;
  fills: number;
  /** Ticks on which the dialer wanted more leads than the hopper gave it. */
  starved_ticks: number;
  /** A lead handed out by a claim while the dialer still held it from an earlier claim. */
  double_claims: { lead_id: number; at: string }[];
  errors: { call: string; message: string }[];
  latency: Record<string, LatencySummary>;
  status_changes: number;
  requeued: number;
}

export type DialerMessage = { type: 'ready' } | { type: 'stopped'; summary: DialerSummary };

export function childConfig(): ChildConfig {
  const raw = process.env.SOAK_CHILD;
  if (!raw) throw new Error('SOAK_CHILD is not set: this file is started by scripts/soak/run.ts.');
  return JSON.parse(raw) as ChildConfig;
}

export function offsetClock(offsetMs: number): () => Date {
  return () => new Date(Date.now() + offsetMs);
}
