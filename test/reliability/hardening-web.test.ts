// Item 5 (browser mode and secrets): the built page carries the CSP as a meta tag; the real
// `serve` stack (runtime, handlers, server) refuses every channel without the token, with a
// wrong one, from a foreign Origin, and changes nothing when it does; and a PostgreSQL password
// never reaches stdout, stderr, an error message or a push event. The guards' unit tests
// (Host header, non-loopback peer, body size, path escape) are in test/web/web-server.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import { openDatabase } from '../../main/db/open-database';
import { CONSOLE_CSP } from '../../main/web/static-files';
import { serveConsole, type RunningConsole } from '../../main/web/serve-console';
import { CHANNEL_NAMES } from '../../shared/ipc/contract';
import { TOKEN_HEADER } from '../../shared/ipc/http-protocol';
import { runCli } from '../support/cli';
import { startServe } from '../support/serve-process';
import { createTestTarget } from '../support/databases';
import { changedTables, snapshotDatabase } from './support/db-snapshot';
import { seedSmall } from './support/seed';

const directives = (csp: string) => csp.split(';').map((d) => d.trim()).filter(Boolean);

describe('CSP of the built page', () => {
  it('the renderer build writes the same policy as a meta tag (no inline script, no eval)', async () => {
    const config = (await import('../../renderer/vite.config')).default as { plugins: Plugin[] };
    const plugin = config.plugins.flat().find((p) => p && (p as Plugin).name === 'lead-console-csp-meta') as Plugin;
    const source = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const transform = plugin.transformIndexHtml as (html: string) => string;
    const built = transform(source);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(built);
    expect(meta).not.toBeNull();
    // A meta tag cannot carry frame-ancestors; every other directive matches the header's.
    expect(directives(meta![1]).sort()).toEqual(directives(CONSOLE_CSP).filter((d) => !d.startsWith('frame-ancestors')).sort());
    expect(meta![1]).not.toMatch(/unsafe-inline|unsafe-eval/);
    const dist = path.resolve(__dirname, '../../dist/renderer/index.html');
    if (fs.existsSync(dist)) {
      const html = fs.readFileSync(dist, 'utf8');
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${meta![1]}"`);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script in the built page
    }
  });
});

describe('browser mode on the real stack', () => {
  let running: RunningConsole;
  let base: string;
  beforeAll(async () => {
    const target = await createTestTarget('sqlite');
    const h = await openDatabase(target);
    await seedSmall(h);
    await h.close();
    running = await serveConsole({ target, jobs: false, log: () => undefined });
    base = `http://127.0.0.1:${running.server.port}`;
  });
  afterAll(() => running.stop());

  it('refuses every channel without the token, with a wrong token, or from a foreign Origin, and nothing changes', async () => {
    const h = running.runtime.handle;
    const before = await snapshotDatabase(h);
    const token = running.server.token;
    const attempts: [string, Record<string, string>, number][] = [
      ['no token', {}, 401],
      ['wrong token', { [TOKEN_HEADER]: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }, 401],
      ['empty token', { [TOKEN_HEADER]: '' }, 401],
      ['token in another header', { authorization: `Bearer ${token}` }, 401],
      ['foreign origin', { [TOKEN_HEADER]: token, origin: 'http://evil.example' }, 403],
    ];
    let refused = 0;
    for (const channel of CHANNEL_NAMES) {
      for (const [what, headers, status] of attempts) {
        const res = await fetch(`${base}/api/${channel}`, { method: 'POST', body: JSON.stringify({ listId: 1, campaignId: 1, job: 'fill_hopper', dryRun: false }), headers: { 'content-type': 'application/json', ...headers } });
        expect(res.status, `${channel}, ${what}`).toBe(status);
        const text = await res.text();
        expect(text).not.toContain(token);
        refused += 1;
      }
    }
    expect(refused).toBe(CHANNEL_NAMES.length * attempts.length);
    // A token in the URL query is only accepted by the event stream, never by a channel.
    expect((await fetch(`${base}/api/hopper/cleanup?token=${token}`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${base}/api/events?token=wrong`)).status).toBe(401);
    expect(changedTables(before, await snapshotDatabase(h))).toEqual([]);
    // The right token works.
    const ok = await fetch(`${base}/api/campaigns/list`, { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: token } });
    expect(await ok.json()).toMatchObject({ ok: true });
  });

  it('sends the security headers with the page', async () => {
    const res = await fetch(`${base}/`);
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('secrets never logged', () => {
  const password = `Pw-${randomBytes(9).toString('hex')}`;
  let url: string;
  let wrongUrl: string;
  let missingDbUrl: string;
  beforeAll(async () => {
    const target = await createTestTarget('postgres');
    if (target.kind !== 'postgres') throw new Error('postgres expected');
    const role = `lc_secret_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    const dbName = new URL(target.url).pathname.slice(1);
    await admin.query(`create role ${role} login password '${password}'`);
    await admin.query(`alter database ${dbName} owner to ${role}`);
    await admin.end();
    const u = new URL(target.url);
    u.username = role;
    u.password = password;
    url = u.toString();
    u.password = `${password}x`;
    wrongUrl = u.toString();
    u.password = password;
    u.pathname = '/no_such_database_here';
    missingDbUrl = u.toString();
  });

  it('serve prints the database without its password, on stdout and stderr', async () => {
    const serve = await startServe(['--database-url', url, '--no-jobs']);
    try {
      const { url: u } = serve;
      const session = await serve.openSession();
      const call = (channel: string, body: unknown) => fetch(`http://127.0.0.1:${u.port}/api/${channel}`, { method: 'POST', body: JSON.stringify(body), headers: session }).then((r) => r.text());
      const info = await call('app/get-info', {});
      const failed = await call('database/test-postgres', { host: '127.0.0.1', port: 1, database: 'x', user: 'u', password, sslMode: 'disable' });
      for (const text of [info, failed]) expect(text).not.toContain(password);
      expect(info).toContain('***');
    } finally {
      await serve.stop();
    }
    const printed = serve.stdout() + serve.stderr();
    expect(serve.stderr()).toMatch(/Serving PostgreSQL/);
    expect(printed).not.toContain(password);
    expect(printed).not.toContain(encodeURIComponent(password));
  }, 120_000);

  it('CLI errors about the database never repeat the password', async () => {
    const results = await Promise.all([
      runCli(['breakdown', '--list', '1', '--database-url', wrongUrl]),
      runCli(['jobs', 'list', '--database-url', missingDbUrl]),
      runCli(['hopper', 'stats', '--campaign', '1'], { env: { DATABASE_URL: wrongUrl } }),
      runCli(['sync-calls', '--database-url', `${url}&&`], {}),
    ]);
    for (const r of results) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr + r.stdout).not.toContain(password);
    }
    expect(results[0].stderr).toMatch(/refused the user name or password/);
    expect(results[1].stderr).toMatch(/does not exist/);
  }, 120_000);

  it('the app runtime never puts the password in a message or a push event', async () => {
    const seen: string[] = [];
    const runtime = new AppRuntime({ shell: 'electron', version: 'x', jobs: true, log: (l) => seen.push(l) });
    runtime.events.subscribe((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
    try {
      await expect(runtime.useDatabase({ kind: 'postgres', url: wrongUrl })).rejects.toSatisfy((e: Error) => !e.message.includes(password) && /refused/.test(e.message));
      await runtime.useDatabase({ kind: 'postgres', url });
      expect(JSON.stringify(runtime.info())).not.toContain(password);
      // The pool goes away under the runtime: the health check and the jobs both report it.
      await runtime.handle.close();
      expect(await runtime.checkHealth()).toBe('unavailable');
      await runtime.scheduler.tick(new Date(Date.now() + 3_600_000));
      expect(seen.some((l) => l.includes('unavailable'))).toBe(true);
      expect(seen.join('\n')).not.toContain(password);
    } finally {
      await runtime.stop();
    }
  });
});
