// Item 5 (Electron hardening), without launching Electron: the `electron` module is replaced by
// a recorder, and the main process's own code builds the window, the content locks, the session
// locks and the `lead-console://` scheme handler against it. Sender checks and the preload's
// named-only API are tested in test/electron/ipc-adapter.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const rec = vi.hoisted(() => ({
  windowOptions: [] as unknown[],
  loaded: [] as string[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  calls: [] as string[],
  external: [] as string[],
  permissionHandler: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
  schemeHandler: null as null | ((request: Request) => Promise<Response>),
  privileged: [] as unknown[],
  sessionListeners: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {};
    constructor(options: unknown) {
      rec.windowOptions.push(options);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      rec.loaded.push(url);
      return Promise.resolve();
    }
  }
  const app = {
    on: (event: string, fn: (...args: unknown[]) => void) => rec.appListeners.set(event, fn),
    enableSandbox: () => rec.calls.push('enableSandbox'),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: typeof rec.permissionHandler) => (rec.permissionHandler = fn),
      setPermissionCheckHandler: (fn: typeof rec.permissionCheck) => (rec.permissionCheck = fn),
      setDevicePermissionHandler: () => undefined,
      on: (event: string, fn: (...args: unknown[]) => void) => rec.sessionListeners.set(event, fn),
    },
  };
  const shell = { openExternal: async (url: string) => void rec.external.push(url) };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => rec.privileged.push(...schemes),
    handle: (_scheme: string, fn: typeof rec.schemeHandler) => (rec.schemeHandler = fn),
  };
  const net = {
    fetch: async (url: string) => {
      const file = new URL(url).pathname;
      return new Response(fs.readFileSync(decodeURIComponent(file)), { status: 200, headers: { 'content-type': 'text/html' } });
    },
  };
  return { app, BrowserWindow, session, shell, protocol, net, default: { app, BrowserWindow, session, shell, protocol, net } };
});

const { createConsoleWindow, lockDownContents, lockDownSession } = await import('../../main/electron/window');
const { registerAppScheme, serveAppScheme } = await import('../../main/electron/app-protocol');
const { APP_URL } = await import('../../main/electron/sender-check');
const { CONSOLE_CSP } = await import('../../main/web/static-files');

/** A fake webContents that records the handlers the main process installs on it. */
function fakeContents() {
  const on = new Map<string, (event: { preventDefault: () => void }, ...args: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    on: (event: string, fn: (event: { preventDefault: () => void }, ...args: unknown[]) => void) => on.set(event, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    /** True when the main process prevented the event. */
    fire(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      const fn = on.get(event);
      if (!fn) throw new Error(`no ${event} handler`);
      fn({ preventDefault: () => (prevented = true) }, ...args);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('Electron hardening (main process code against a recording electron module)', () => {
  beforeEach(() => {
    rec.external.length = 0;
  });

  it('builds the window isolated, sandboxed, without Node, with web security, loading only our scheme', () => {
    createConsoleWindow('/app/dist/preload/preload.cjs');
    const options = rec.windowOptions.at(-1) as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: path.resolve('/app/dist/preload/preload.cjs'),
    });
    // Nothing that would reopen a door: no remote module, no experimental features, no insecure flags.
    for (const key of ['enableRemoteModule', 'experimentalFeatures', 'enableBlinkFeatures', 'additionalArguments']) expect(options.webPreferences).not.toHaveProperty(key);
    expect(rec.loaded.at(-1)).toBe(APP_URL);
  });

  it('refuses navigation and redirects away from the console, webviews, and every new window', () => {
    lockDownContents();
    const contents = fakeContents();
    rec.appListeners.get('web-contents-created')!({}, contents);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'lead-console://other/index.html', 'lead-console://user:pw@app/index.html', 'javascript:alert(1)', 'not a url']) {
      expect(contents.fire('will-navigate', url), url).toBe(true);
      expect(contents.fire('will-redirect', url), url).toBe(true);
    }
    expect(contents.fire('will-navigate', 'lead-console://app/index.html#/recycling')).toBe(false);
    expect(contents.fire('will-attach-webview')).toBe(true);
    for (const url of ['https://docs.example/help', 'http://evil.example/', 'file:///etc/passwd', 'lead-console://app/index.html', 'javascript:alert(1)']) {
      expect(contents.open(url), url).toEqual({ action: 'deny' });
    }
    // Only the links the app itself shows leave it (shared/external-links.ts, empty today).
    expect(rec.external).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('makes a saved download (an audit export) readable by its user only', () => {
    lockDownSession();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lc-dl-')), 'audit.csv');
    fs.writeFileSync(file, 'phone\n5551234567\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    let done: ((e: unknown, state: string) => void) | null = null;
    const item = { getSavePath: () => file, once: (_event: string, fn: typeof done) => (done = fn) };
    rec.sessionListeners.get('will-download')!({}, item);
    done!({}, 'completed');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('denies every permission request and check', () => {
    lockDownSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let answer: boolean | undefined;
      rec.permissionHandler!({}, permission, (ok) => (answer = ok));
      expect(answer, permission).toBe(false);
    }
    expect(rec.permissionCheck!({}, 'media')).toBe(false);
  });

  it('serves lead-console://app with the console CSP, never outside its folder or for another host', async () => {
    registerAppScheme();
    expect(rec.privileged).toEqual([{ scheme: 'lead-console', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(rec.privileged[0]).not.toMatchObject({ privileges: { bypassCSP: true } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-scheme-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Lead Console</title>');
    fs.writeFileSync(path.join(path.dirname(dir), 'lc-scheme-secret.txt'), 'secret');
    serveAppScheme(dir);
    const res = await rec.schemeHandler!(new Request('lead-console://app/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(CONSOLE_CSP).toMatch(/script-src 'self'(;|$)/);
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect((await rec.schemeHandler!(new Request('lead-console://evil/index.html'))).status).toBe(404);
    const escaped = await rec.schemeHandler!(new Request('lead-console://app/..%2f..%2flc-scheme-secret.txt'));
    expect(await escaped.text()).not.toContain('secret');
  });

  it('the main process turns on the sandbox for every renderer and locks contents before any window', async () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../main/electron/electron-main.ts'), 'utf8');
    // Checked in the source: importing electron-main would start the app.
    const order = ['app.enableSandbox()', 'registerAppScheme()', 'lockDownContents()', 'app.whenReady()'].map((s) => source.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(source).toMatch(/isTrusted: \(event\) => isTrustedSender\(event/);
    expect(source).not.toMatch(/sandbox:\s*false|nodeIntegration:\s*true|contextIsolation:\s*false|webSecurity:\s*false/);
  });
});
