// A long request the screen may walk away from: it goes out with a request id, and when `signal`
// fires (dialog closed, screen left, another list chosen) `requests/cancel` tells the back end to
// stop it (docs/architecture.md "Cancelling long work").
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';
import { newProgressId, type ApiClient } from './client';

/** The channels whose input takes a `requestId`. */
export type CancellableChannel = { [C in Channel]: 'requestId' extends keyof InputOf<C> ? C : never }[Channel];

export function callCancellable<C extends CancellableChannel>(client: ApiClient, channel: C, input: Omit<InputOf<C>, 'requestId'>, signal: AbortSignal): Promise<OutputOf<C>> {
  const requestId = newProgressId('req');
  const cancel = () => {
    // Nothing to tell the user when the cancel itself fails: the answer is dropped either way.
    client.call('requests/cancel', { requestId }).catch(() => undefined);
  };
  if (signal.aborted) cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  return client.call(channel, { ...input, requestId } as InputOf<C>).finally(() => signal.removeEventListener('abort', cancel));
}
