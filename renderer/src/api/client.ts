// The renderer's one way to reach the back end. Stores get an ApiClient injected, so a test can
// hand them an in-memory transport and the app an Electron or HTTP one.
import type { Channel, InputOf, LeadConsoleApi, OutputOf, PushEvent, PushEvents } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/errors';

/** The transport is exactly the contract's API: preload, HTTP+SSE or memory all satisfy it. */
export type Transport = LeadConsoleApi;

/** A failed call as the UI shows it: the back end's `{ code, message }`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(channel, input) {
      const fn = transport[channel] as (i: typeof input) => Promise<
        { ok: true; value: OutputOf<typeof channel> } | { ok: false; error: { code: ErrorCode; message: string } }
      >;
      let result;
      try {
        result = await fn(input);
      } catch (err) {
        // A transport that throws (network down, preload missing) still reaches the UI as a message.
        throw new ApiError('internal', `Could not reach the console's back end: ${messageOf(err)}`);
      }
      if (!result || typeof result !== 'object') throw new ApiError('internal', 'The back end gave no answer.');
      if (result.ok) return result.value;
      throw new ApiError(result.error.code, result.error.message);
    },
    on(event, listener) {
      return transport.events[event](listener);
    },
  };
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A readable one-liner for any error a call may throw. */
export function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  return { code: 'internal', message: messageOf(err) };
}

let progressCounter = 0;
/** Progress ids match the contract's `[A-Za-z0-9_-]{1,64}`. */
export function newProgressId(prefix: string): string {
  progressCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${progressCounter}`;
}
