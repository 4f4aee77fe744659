// Browser mode: each channel is POST /api/<channel>, authorised by the session cookie (or a
// token header when one is given: scripts, tests); push events come over one EventSource opened
// on first subscription (http-protocol.ts).
import type { IpcResult, LeadConsoleApi, PushEvent } from '../../../shared/ipc/contract';
import { CHANNEL_NAMES, PUSH_EVENT_NAMES } from '../../../shared/ipc/contract';
import { EVENTS_PATH, TOKEN_HEADER, channelPath } from '../../../shared/ipc/http-protocol';

export interface HttpTransportOptions {
  /** Absent in the page: the session cookie does it. */
  token?: string;
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  eventSourceFactory?: (url: string) => EventSource;
  /** Told when the event stream drops or comes back, so the UI can say so. */
  onConnectionChange?: (connected: boolean) => void;
}

export function createHttpTransport(options: HttpTransportOptions): LeadConsoleApi {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const api: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    api[channel] = async (input: unknown): Promise<IpcResult<unknown>> => {
      let response: Response;
      try {
        response = await doFetch(`${base}${channelPath(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { [TOKEN_HEADER]: options.token } : {}) },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The console server is not reachable. Is `lead-console serve` still running?' } };
      }
      if (response.status === 401) {
        return { ok: false, error: { code: 'invalid_input', message: 'This page has no valid session. Open a link that `lead-console serve` printed (each works once; restart serve for a new one).' } };
      }
      if (!response.ok) {
        return { ok: false, error: { code: 'internal', message: `The console server refused the request (HTTP ${response.status}).` } };
      }
      try {
        return (await response.json()) as IpcResult<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The console server sent an unreadable answer.' } };
      }
    };
  }

  const listeners = new Map<PushEvent, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const open = () => {
    if (source) return;
    const url = options.token ? `${base}${EVENTS_PATH}?token=${encodeURIComponent(options.token)}` : `${base}${EVENTS_PATH}`;
    source = options.eventSourceFactory ? options.eventSourceFactory(url) : new EventSource(url);
    source.onopen = () => options.onConnectionChange?.(true);
    source.onerror = () => options.onConnectionChange?.(false);
    for (const name of PUSH_EVENT_NAMES) {
      source.addEventListener(name, (ev) => {
        let payload: unknown;
        try {
          payload = JSON.parse((ev as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
  };
  const events: Record<string, unknown> = {};
  for (const name of PUSH_EVENT_NAMES) {
    events[name] = (listener: (payload: unknown) => void) => {
      open();
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    };
  }
  return Object.assign(api, { events }) as unknown as LeadConsoleApi;
}
