import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushEventBus } from '../../main/app/push-events';
import { createRequestHandler, startWebServer, type WebServer } from '../../main/web/web-server';
import { hostAllowed, isLoopback, tokenMatches } from '../../main/web/request-guard';
import { MAX_BODY_BYTES, TOKEN_HEADER } from '../../shared/ipc/http-protocol';

const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-static-'));
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Lead Console</title>');
fs.writeFileSync(path.join(os.tmpdir(), 'lc-secret.txt'), 'secret');

describe('browser-mode server', () => {
  const events = new PushEventBus();
  const calls: [string, unknown][] = [];
  let server: WebServer;
  let base: string;
  beforeAll(async () => {
    server = await startWebServer({
      events,
      staticDir,
      dispatch: async (channel, input) => {
        calls.push([channel, input]);
        return { ok: true, value: { echoed: input } };
      },
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  const post = (channel: string, body: string, headers: Record<string, string> = { [TOKEN_HEADER]: server.token }) =>
    fetch(`${base}/api/${channel}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  it('answers a channel with the dispatcher result', async () => {
    const res = await post('campaigns/list', '{}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { echoed: {} } });
    expect(calls.at(-1)).toEqual(['campaigns/list', {}]);
    expect(server.url).toBe(`${base}/`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await post('campaigns/list', '{}', {})).status).toBe(401);
    expect((await post('campaigns/list', '{}', { [TOKEN_HEADER]: `${server.token}x` })).status).toBe(401);
    expect((await fetch(`${base}/api/events?token=nope`)).status).toBe(401);
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
  });

  it('refuses an unknown channel with 404 and never calls the dispatcher', async () => {
    const before = calls.length;
    expect((await post('nope/nothing', '{}')).status).toBe(404);
    expect((await post('__proto__', '{}')).status).toBe(404);
    expect((await post('toString', '{}')).status).toBe(404);
    expect(calls.length).toBe(before);
  });

  it('refuses bodies over MAX_BODY_BYTES with 413, declared or streamed', async () => {
    const http = await import('node:http');
    const send = (chunked: boolean) =>
      new Promise<number>((resolve, reject) => {
        const body = Buffer.alloc(MAX_BODY_BYTES + 10, 'x');
        const headers: Record<string, string | number> = { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: server.token };
        if (!chunked) headers['content-length'] = body.length;
        const req = http.request({ host: '127.0.0.1', port: server.port, path: '/api/campaigns/list', method: 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        if (chunked) {
          for (let i = 0; i < body.length; i += 65536) req.write(body.subarray(i, i + 65536));
          req.end();
        } else req.end(body);
      });
    const before = calls.length;
    expect(await send(false)).toBe(413);
    expect(await send(true)).toBe(413);
    expect(calls.length).toBe(before);
  });

  it('answers bad JSON with invalid_input', async () => {
    expect(await (await post('campaigns/list', '{nope')).json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, path: '/api/campaigns/list', method: 'POST', headers: { host: 'evil.example', [TOKEN_HEADER]: server.token } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
    expect((await fetch(`${base}/`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('refuses a peer that is not this computer with 403', async () => {
    const handler = createRequestHandler({ events, staticDir, dispatch: async () => ({ ok: true, value: null }) }, { token: 't0ken', port: 4000 });
    const req = Object.assign(new PassThrough(), {
      socket: { remoteAddress: '192.168.1.20' },
      headers: { host: '127.0.0.1:4000', [TOKEN_HEADER]: 't0ken' },
      method: 'POST',
      url: '/api/campaigns/list',
    }) as unknown as IncomingMessage;
    let status = 0;
    const res = { headersSent: false, setHeader: () => undefined, writeHead: (s: number) => ((status = s), res), end: () => res } as unknown as ServerResponse;
    await handler(req, res);
    expect(status).toBe(403);
  });

  it('serves the page with a strict CSP, falls back to index.html, never leaves the folder', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('Lead Console');
    const escaped = await fetch(`${base}/..%2flc-secret.txt`);
    expect(await escaped.text()).not.toContain('secret');
  });

  it('streams push events to a holder of the token', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events?token=${server.token}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    events.emit('operation/progress', { progressId: 'p1', phase: 'recycling', done: 1, total: 2 });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: operation/progress\ndata: {"progressId":"p1","phase":"recycling","done":1,"total":2}\n\n');
    controller.abort();
  });
});

describe('request guards', () => {
  it('knows loopback peers, our Host and compares tokens', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.8.9.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:192.168.0.1', '', undefined, '1127.0.0.1'].some(isLoopback)).toBe(false);
    expect(hostAllowed('127.0.0.1:80', 80)).toBe(true);
    expect(hostAllowed('localhost:80', 80)).toBe(true);
    expect(hostAllowed('127.0.0.1:81', 80)).toBe(false);
    expect(hostAllowed(undefined, 80)).toBe(false);
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
    expect(tokenMatches('', '')).toBe(false);
  });
});
