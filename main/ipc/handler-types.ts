// The handler map: one function per contract channel, typed from the contract, so a missing
// or misspelled channel is a compile error.
import type { Channel, OutputOf, ParsedInputOf, PushEvent, PushEvents } from '../../shared/ipc/contract';

export interface HandlerContext {
  /** Sends a push event to the caller's window (Electron) or the event stream (browser mode). */
  emit<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
  /** Fires when the transport knows the caller is gone (browser mode: the request's connection closed). */
  signal?: AbortSignal;
}

export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>, ctx: HandlerContext) => Promise<OutputOf<C>> };

/** A progress listener for a long operation, or nothing when the caller gave no progressId. */
export function progressFor(ctx: HandlerContext, progressId: string | undefined) {
  if (!progressId) return undefined;
  return (p: { phase: string; done: number; total: number }) => ctx.emit('operation/progress', { progressId, ...p });
}
