// An in-memory transport for component tests: handlers per channel, push events emitted by hand.
import type { Channel, InputOf, IpcResult, LeadConsoleApi, OutputOf, PushEvent, PushEvents } from '../../../shared/ipc/contract';
import { CHANNEL_NAMES, PUSH_EVENT_NAMES } from '../../../shared/ipc/contract';
import { ConsoleError } from '../../../shared/errors';

export type MemoryHandlers = {
  [C in Channel]?: (input: InputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;
};

export interface MemoryTransport extends LeadConsoleApi {
  emit<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
  /** Every call made, in order, with its input. */
  calls: { channel: Channel; input: unknown }[];
  /** Replace or add handlers while a test runs. */
  handle(handlers: MemoryHandlers): void;
}

export function createMemoryTransport(initial: MemoryHandlers = {}): MemoryTransport {
  const handlers: MemoryHandlers = { ...initial };
  const listeners = new Map<PushEvent, Set<(payload: never) => void>>();
  const calls: { channel: Channel; input: unknown }[] = [];

  const api: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    api[channel] = async (input: unknown): Promise<IpcResult<unknown>> => {
      calls.push({ channel, input });
      const handler = handlers[channel] as ((i: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'internal', message: `No handler for ${channel} in this test.` } };
      try {
        return { ok: true, value: await handler(input) };
      } catch (err) {
        if (err instanceof ConsoleError) return { ok: false, error: { code: err.code, message: err.message } };
        return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
      }
    };
  }
  const events: Record<string, unknown> = {};
  for (const name of PUSH_EVENT_NAMES) {
    events[name] = (listener: (payload: never) => void) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    };
  }
  return Object.assign(api as unknown as LeadConsoleApi, {
    events: events as LeadConsoleApi['events'],
    calls,
    emit<E extends PushEvent>(event: E, payload: PushEvents[E]) {
      for (const l of listeners.get(event) ?? []) (l as (p: PushEvents[E]) => void)(payload);
    },
    handle(more: MemoryHandlers) {
      Object.assign(handlers, more);
    },
  });
}
