// Which transport this page uses: Electron's preload bridge when present, else browser mode.
import type { LeadConsoleApi } from '../../../shared/ipc/contract';
import { createHttpTransport } from './http-transport';

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
  // Browser mode: the link `serve` printed set an HttpOnly session cookie, which the browser
  // sends with every request; the page itself never sees a secret.
  return { kind: 'browser', transport: createHttpTransport({ onConnectionChange }) };
}
