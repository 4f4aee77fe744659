// Browser mode: a page that aborts its fetch (screen left, tab closed) closes the connection, and
// the handler's signal fires, so long work stops rather than run on for nobody.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushEventBus } from '../../main/app/push-events';
import { startWebServer, type WebServer } from '../../main/web/web-server';
import { TOKEN_HEADER } from '../../shared/ipc/http-protocol';
import { makeTempDir } from '../support/temp-dir';

const staticDir = makeTempDir('lc-static-');
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Lead Console</title>');

describe('browser-mode server: a request the page gave up on', () => {
  let server: WebServer;
  let started: () => void;
  let aborted: (why: string) => void;
  const startedP = new Promise<void>((r) => (started = r));
  const abortedP = new Promise<string>((r) => (aborted = r));
  beforeAll(async () => {
    server = await startWebServer({
      events: new PushEventBus(),
      staticDir,
      dispatch: (_channel, _input, signal) =>
        new Promise((resolve) => {
          started();
          signal?.addEventListener('abort', () => {
            aborted('signal');
            resolve({ ok: false, error: { code: 'cancelled', message: 'cancelled' } });
          });
        }),
    });
  });
  afterAll(() => server.close());

  it('aborts the handler signal when the fetch is aborted', async () => {
    const page = new AbortController();
    const res = fetch(`${server.url}api/hopper/explain`, {
      method: 'POST',
      body: JSON.stringify({ campaignId: 1 }),
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
      signal: page.signal,
    }).catch((e: Error) => e.name);
    await startedP;
    page.abort();
    expect(await res).toBe('AbortError');
    expect(await abortedP).toBe('signal');
  });
});
