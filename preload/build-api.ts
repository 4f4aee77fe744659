// The renderer's API, built from the contract's fixed lists: one named function per channel and
// one named subscription per push event. No generic invoke or on leaves this file: the caller
// hands in the two Electron functions, and only contract names ever reach them.
import { CHANNEL_NAMES, PUSH_EVENT_NAMES, type LeadConsoleApi } from '../shared/ipc/contract';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

export function buildApi(invoke: Invoke, subscribe: Subscribe): LeadConsoleApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    api[channel] = (input: unknown) => invoke(channel, input ?? {});
  }
  const events: Record<string, unknown> = {};
  for (const event of PUSH_EVENT_NAMES) {
    events[event] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return subscribe(event, listener);
    };
  }
  api.events = Object.freeze(events);
  return Object.freeze(api) as LeadConsoleApi;
}
