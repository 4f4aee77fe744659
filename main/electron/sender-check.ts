// Which IPC senders are ours (VS Code's validatedIpcMain): the main frame of our one window,
// showing a page of our own scheme. An iframe, another window or a navigated-away page is not.
// Type-only Electron imports: this file is loaded by tests without Electron.

export const APP_SCHEME = 'lead-console';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface FrameLike {
  url: string;
  parent: unknown | null;
  processId?: number;
  routingId?: number;
}

export interface InvokeEventLike {
  sender: unknown;
  senderFrame: FrameLike | null;
}

export interface ExpectedSender {
  webContents: unknown;
  mainFrame: () => FrameLike | null;
}

export function isOurUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

// Electron may hand out a new WebFrameMain wrapper for the same frame: compare its ids too.
function sameFrame(a: FrameLike, b: FrameLike | null): boolean {
  if (!b) return false;
  if (a === b) return true;
  return a.processId !== undefined && a.routingId !== undefined && a.processId === b.processId && a.routingId === b.routingId;
}

export function isTrustedSender(event: InvokeEventLike, expected: ExpectedSender | null): boolean {
  if (!expected) return false;
  const frame = event.senderFrame;
  if (!frame || event.sender !== expected.webContents) return false;
  if (!sameFrame(frame, expected.mainFrame()) || frame.parent !== null) return false;
  return isOurUrl(frame.url);
}
