// The one entry point both adapters (Electron IPC, browser-mode HTTP) call: known channel,
// input parsed by the channel's schema, handler run, result or plain error returned. Never throws.
import { CHANNELS, type Channel, type IpcResult } from '../../shared/ipc/contract';
import { toIpcError } from './errors';
import type { HandlerContext, Handlers } from './handler-types';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, name);
}

export interface DispatchOptions {
  /** Told about unexpected (internal) errors, with the full error, for the log. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown,
  ctx: HandlerContext,
  options: DispatchOptions = {},
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'not_found', message: `Unknown channel ${String(channel).slice(0, 80)}.` } };
  try {
    const parsed = CHANNELS[channel].safeParse(rawInput ?? {});
    if (!parsed.success) throw parsed.error;
    const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (error) {
    const ipcError = toIpcError(error);
    if (ipcError.code === 'internal') options.onInternalError?.(channel, error);
    return { ok: false, error: ipcError };
  }
}
