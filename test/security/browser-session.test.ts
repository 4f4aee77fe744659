// Item 3 of issue 20: the address given to a browser (and the printed line) carries a single-use
// code, exchanged for an HttpOnly, SameSite=Strict session cookie; the long-lived token is never
// in a URL, so `ps` (xdg-open's argv) and stdout logs hold nothing that still opens the console.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushEventBus } from '../../main/app/push-events';
import { startWebServer, type WebServer } from '../../main/web/web-server';
import { serveConsole } from '../../main/web/serve-console';
import { TOKEN_HEADER } from '../../shared/ipc/http-protocol';

const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-static-'));
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Lead Console</title>');

/** Follows the link as a browser would, without following the redirect: the cookie it sets. */
async function openLink(link: string): Promise<{ status: number; cookie: string | null; setCookie: string | null; location: string | null }> {
  const res = await fetch(link, { redirect: 'manual' });
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, setCookie, cookie: setCookie ? setCookie.split(';')[0] : null, location: res.headers.get('location') };
}

describe('single-use code for a session cookie', () => {
  let now = Date.parse('2026-12-06T10:00:00Z');
  let server: WebServer;
  let base: string;
  const post = (headers: Record<string, string>) =>
    fetch(`${base}/api/campaigns/list`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...headers } }).then((r) => r.status);

  beforeAll(async () => {
    server = await startWebServer({ events: new PushEventBus(), staticDir, dispatch: async () => ({ ok: true, value: [] }), codeTtlMs: 60_000, now: () => now });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('a link carries a code, never the token; opening it sets an HttpOnly SameSite=Strict cookie and goes to the page', async () => {
    const link = server.issueLink();
    expect(link).toMatch(new RegExp(`^${base}/session\\?code=[A-Za-z0-9_-]{20,}$`));
    expect(link).not.toContain(server.token);
    const opened = await openLink(link);
    expect(opened.status).toBe(303);
    expect(opened.location).toBe('/');
    expect(opened.setCookie).toMatch(/HttpOnly/i);
    expect(opened.setCookie).toMatch(/SameSite=Strict/i);
    expect(opened.setCookie).toMatch(/Path=\//);
    expect(opened.setCookie).not.toContain(server.token);
    expect(await post({ cookie: opened.cookie! })).toBe(200);
    const events = new AbortController();
    const stream = await fetch(`${base}/api/events`, { headers: { cookie: opened.cookie! }, signal: events.signal });
    expect(stream.status).toBe(200);
    events.abort();
  });

  it('a used code is refused, and sets no cookie', async () => {
    const link = server.issueLink();
    expect((await openLink(link)).status).toBe(303);
    const again = await openLink(link);
    expect(again.status).toBe(401);
    expect(again.setCookie).toBeNull();
    expect(await (await fetch(link)).text()).toMatch(/already used or has expired/);
  });

  it('an expired code is refused', async () => {
    const link = server.issueLink();
    now += 60_001;
    expect((await openLink(link)).status).toBe(401);
  });

  it('a second browser: no access with the first browser\'s used link, its own session from its own link', async () => {
    const first = await openLink(server.issueLink());
    const second = server.issueLink();
    // The second browser has no cookie: refused, and the first browser's link does not help it.
    expect(await post({})).toBe(401);
    const own = await openLink(second);
    expect(own.status).toBe(303);
    expect(own.cookie).not.toBe(first.cookie);
    expect(await post({ cookie: own.cookie! })).toBe(200);
    expect(await post({ cookie: first.cookie! })).toBe(200);
  });

  it('a made-up or tampered session cookie is refused; the token header still works for scripts', async () => {
    const { cookie } = await openLink(server.issueLink());
    const [name, value] = cookie!.split('=');
    expect(await post({ cookie: `${name}=${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}` })).toBe(401);
    expect(await post({ cookie: `${name}=${server.token}` })).toBe(401);
    expect(await post({ [TOKEN_HEADER]: server.token })).toBe(200);
    expect((await fetch(`${base}/session?code=`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${base}/session?code=${server.token}`, { redirect: 'manual' })).status).toBe(401);
  });
});

describe('serve: the printed line and the browser it opens', () => {
  it('print and open two different single-use links; neither holds the token', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-serve-'));
    const running = await serveConsole({ target: { kind: 'sqlite', file: path.join(dir, 'c.sqlite') }, staticDir, jobs: false });
    try {
      expect(running.line).toMatch(/^Console: http:\/\/127\.0\.0\.1:\d+\/session\?code=/);
      expect(running.line).not.toContain(running.server.token);
      const forBrowser = running.server.issueLink();
      const printed = running.line.slice('Console: '.length);
      expect(forBrowser).not.toBe(printed);
      expect((await openLink(forBrowser)).status).toBe(303);
      expect((await openLink(printed)).status).toBe(303);
      expect((await openLink(printed)).status).toBe(401);
    } finally {
      await running.stop();
    }
  });
});
