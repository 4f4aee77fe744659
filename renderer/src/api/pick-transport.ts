// Which transport this page uses: Electron's preload bridge when present, else browser mode.
import type { LeadConsoleApi } from '../../../shared/ipc/contract';
import { createHttpTransport } from './http-transport';
import { takeTokenFromLocation } from './token';

declare global {
  interface Window {
    leadConsole?: LeadConsoleApi;
  }
}

export type TransportChoice =
  | { kind: 'electron'; transport: LeadConsoleApi }
  | { kind: 'browser'; transport: LeadConsoleApi }
  | { kind: 'none'; reason: string };

export function pickTransport(win: Window = window, onConnectionChange?: (connected: boolean) => void): TransportChoice {
  if (win.leadConsole) return { kind: 'electron', transport: win.leadConsole };
  const token = takeTokenFromLocation(win);
  if (!token) {
    return {
      kind: 'none',
      reason: 'This page has no access token. Open the exact link that `lead-console serve` printed (it ends with #token=…).',
    };
  }
  return { kind: 'browser', transport: createHttpTransport({ token, onConnectionChange }) };
}
