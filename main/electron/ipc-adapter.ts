// Registers `ipcMain.handle` for exactly the contract's channels: sender checked first, then the
// input parsed by the channel's schema (dispatch), errors returned as `{ code, message }`.
// Takes an ipcMain-like object so that tests drive it without Electron.
import { CHANNEL_NAMES, type IpcResult } from '../../shared/ipc/contract';
import { dispatch } from '../ipc/dispatch';
import type { HandlerContext, Handlers } from '../ipc/handler-types';
import type { InvokeEventLike } from './sender-check';

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcAdapterOptions {
  handlers: Handlers;
  isTrusted: (event: InvokeEventLike) => boolean;
  context: HandlerContext;
  log?: (line: string) => void;
}

export const REFUSED: IpcResult<never> = { ok: false, error: { code: 'invalid_input', message: 'Refused: this request did not come from the console window.' } };

export function registerIpc(ipcMain: IpcMainLike, options: IpcAdapterOptions): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!options.isTrusted(event)) {
        options.log?.(`lead-console: refused ${channel} from an unexpected sender`);
        return REFUSED;
      }
      // One argument: the input object. Extra arguments are refused like unknown keys.
      if (args.length > 1) return { ok: false, error: { code: 'invalid_input', message: 'Invalid request: one input object expected.' } };
      return dispatch(options.handlers, channel, args[0], options.context, {
        onInternalError: (ch, error) => options.log?.(`lead-console: ${ch} failed: ${(error as Error)?.stack ?? String(error)}`),
      });
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
