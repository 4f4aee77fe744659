// Which IPC senders are ours (VS Code's validatedIpcMain): the main frame of our one window,
// showing a page of our own scheme. An iframe, another window or a navigated-away page is not.
// Type-only Electron imports: this file is loaded by tests without Electron.

export const APP_SCHEME = 'lead-console';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface FrameLike {
  url: string;
  parent: unknown | null;
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

export function isTrustedSender(event: InvokeEventLike, expected: ExpectedSender | null): boolean {
  if (!expected) return false;
  const frame = event.senderFrame;
  if (!frame || event.sender !== expected.webContents) return false;
  if (frame !== expected.mainFrame() || frame.parent !== null) return false;
  return isOurUrl(frame.url);
}
