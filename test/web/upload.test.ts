// Browser mode's upload of an import file: streamed to disk, size-limited, refused before
// reading when the declared size is over the limit (a 2 GB file is never read).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushEventBus } from '../../main/app/push-events';
import { uploads } from '../../main/services/imports/upload-store';
import { startWebServer, type WebServer } from '../../main/web/web-server';
import { TOKEN_HEADER, UPLOAD_PATH } from '../../shared/ipc/http-protocol';

const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-static-'));
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
const LIMIT = 64 * 1024;

describe('upload of an import file (browser mode)', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer({ events: new PushEventBus(), staticDir, uploadLimitBytes: LIMIT, dispatch: async () => ({ ok: true, value: null }) });
  });
  afterAll(() => server.close());

  /** Sends `chunks` (chunked, or with a declared length) and reports the answer and how much was sent before it. */
  function upload(chunks: Buffer[], headers: Record<string, string> = {}): Promise<{ status: number; body: string; sent: number }> {
    return new Promise((resolve, reject) => {
      let sent = 0;
      const req = http.request({ host: '127.0.0.1', port: server.port, path: `${UPLOAD_PATH}?name=../../etc/leads.csv`, method: 'POST', headers: { [TOKEN_HEADER]: server.token, host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
      const next = () => {
        const chunk = chunks.shift();
        if (!chunk) return req.end();
        sent += chunk.length;
        if (req.write(chunk)) setImmediate(next);
        else req.once('drain', next);
      };
      next();
    });
  }

  it('stores a file and hands back an id, never a path', async () => {
    const text = 'phone\n2125550100\n';
    const res = await upload([Buffer.from(text)]);
    expect(res.status).toBe(200);
    const value = JSON.parse(res.body).value;
    expect(value).toMatchObject({ name: 'leads.csv', size: text.length });
    expect(fs.readFileSync(uploads.path(value.fileId), 'utf8')).toBe(text);
  });

  it('refuses a declared 2 GB body at once, without reading it', async () => {
    const res = await upload([Buffer.alloc(1024)], { 'content-length': String(2 * 1024 ** 3) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/larger than the upload limit/);
    expect(res.sent).toBe(1024);
  });

  it('stops a chunked body as soon as it passes the limit, and keeps no part of it', async () => {
    const dir = path.join(os.tmpdir());
    const before = fs.readdirSync(dir).filter((d) => d.startsWith('lead-console-uploads-')).flatMap((d) => fs.readdirSync(path.join(dir, d)));
    const res = await upload(Array.from({ length: 8 }, () => Buffer.alloc(16 * 1024, 0x41)));
    expect(res.status).toBe(413);
    const after = fs.readdirSync(dir).filter((d) => d.startsWith('lead-console-uploads-')).flatMap((d) => fs.readdirSync(path.join(dir, d)));
    expect(after.length).toBe(before.length);
  });

  it('needs the token', async () => {
    const res = await upload([Buffer.from('x')], { [TOKEN_HEADER]: 'nope' });
    expect(res.status).toBe(401);
  });
});
