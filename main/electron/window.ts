// The console window and its locks: isolated, sandboxed renderer without Node; no navigation,
// no new windows, no webviews, every permission request denied.
import path from 'node:path';
import { app, BrowserWindow, session, shell, type WebContents } from 'electron';
import { isAllowedExternalLink } from '../../shared/external-links';
import { makePrivate } from '../db/private-files';
import { APP_URL, isOurUrl } from './sender-check';

export function lockDownSession(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler?.(() => false);
  // An audit export holds phone numbers: the saved file is its user's only, like the database.
  s.on('will-download', (_event, item) => {
    item.once('done', (_e, state) => {
      if (state === 'completed') makePrivate(item.getSavePath());
    });
  });
}

export function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOurUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOurUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Only the links the app itself shows (shared/external-links.ts) open, in the user's
      // browser; never inside the app, never an arbitrary link a page produced.
      if (isAllowedExternalLink(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

export function createConsoleWindow(preloadFile: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'Lead Console',
    show: false,
    webPreferences: {
      preload: path.resolve(preloadFile),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}
