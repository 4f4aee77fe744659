// Item 2 of issue 20: the PostgreSQL settings build a connection config object, never a URL
// from fields: a host cannot smuggle URL parameters (options=-c …, sslrootcert=…, a Unix socket),
// the SSL mode is explicit, and in browser mode the channel is no port scanner: refused,
// unreachable and not-PostgreSQL all get the same short answer.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import { toClientConfig } from '../../main/db/postgres/connection-config';
import { fixedClock } from '../../main/db/time';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import { manualTrigger } from '../../main/services/jobs';
import { createTestTarget } from '../support/databases';

async function runtimeFor(shell: 'browser' | 'electron') {
  const runtime = new AppRuntime({ shell, version: 't', clock: fixedClock(new Date('2026-12-06T10:00:00Z')), jobTrigger: manualTrigger, jobs: false });
  await runtime.useDatabase(await createTestTarget('sqlite'));
  const handlers = createHandlers(runtime);
  return { runtime, call: (channel: string, input: unknown) => dispatch(handlers, channel, input, { emit: () => undefined }) };
}

const base = { host: '127.0.0.1', port: 1, database: 'leads', user: 'u', password: 'pw', sslMode: 'disable' };

describe('PostgreSQL settings', () => {
  let browser: Awaited<ReturnType<typeof runtimeFor>>;
  let electron: Awaited<ReturnType<typeof runtimeFor>>;
  let notPostgres: net.Server;
  let notPostgresPort: number;
  beforeAll(async () => {
    browser = await runtimeFor('browser');
    electron = await runtimeFor('electron');
    // A service that is not PostgreSQL: answers anything with an SSH-like banner and hangs up.
    notPostgres = net.createServer((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'));
    await new Promise<void>((resolve) => notPostgres.listen(0, '127.0.0.1', resolve));
    notPostgresPort = (notPostgres.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await browser.runtime.stop();
    await electron.runtime.stop();
    notPostgres.close();
  });

  it.each([
    'db.example?options=-c%20log_statement=all',
    'db.example/leads?sslrootcert=/etc/passwd',
    'db.example&application_name=x',
    '/var/run/postgresql',
    'db.example:5432',
    'user:pw@db.example',
    'db example',
    '-db.example',
    'db.example\u0000',
  ])('refuses the host %j before connecting', async (host) => {
    const r = await browser.call('database/test-postgres', { ...base, host });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/host/) } });
  });

  it('accepts host names and addresses, and needs an explicit SSL mode', async () => {
    for (const host of ['localhost', 'db.example.com', '10.0.0.5', '::1', '[::1]', 'DB-01.internal.']) {
      const r = await browser.call('database/test-postgres', { ...base, host });
      expect(r.ok ? 'ok' : r.error.code, host).not.toBe('invalid_input');
    }
    const { sslMode: _omitted, ...noMode } = base;
    expect(await browser.call('database/test-postgres', noMode)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/sslMode/) } });
    expect(await browser.call('database/test-postgres', { ...base, sslMode: 'prefer' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await browser.call('database/test-postgres', { ...base, database: 'a\nb' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('turns the fields into a pg config object with the SSL mode spelled out', () => {
    const conn = { host: 'db.example', port: 5433, database: 'le?ads', user: 'u&x', password: 'p@ss', sslMode: 'disable' as const };
    expect(toClientConfig(conn)).toEqual({ host: 'db.example', port: 5433, database: 'le?ads', user: 'u&x', password: 'p@ss', ssl: false });
    expect(toClientConfig({ ...conn, sslMode: 'require' }).ssl).toEqual({ rejectUnauthorized: false });
    expect(toClientConfig({ ...conn, sslMode: 'verify-full' }).ssl).toEqual({ rejectUnauthorized: true, servername: 'db.example' });
    expect(toClientConfig(conn)).not.toHaveProperty('connectionString');
  });

  it('connects with the fields and keeps the config, not a URL, as the target', async () => {
    const target = await createTestTarget('postgres');
    const u = new URL((target as { url: string }).url);
    const r = await electron.call('database/connect-postgres', {
      host: u.hostname,
      port: Number(u.port),
      database: u.pathname.slice(1),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      sslMode: 'disable',
    });
    expect(r).toMatchObject({ ok: true, value: { database: { kind: 'postgres' } } });
    expect(electron.runtime.handle.target).not.toHaveProperty('url');
    expect(electron.runtime.handle.target).toMatchObject({ kind: 'postgres', connection: { host: u.hostname, sslMode: 'disable' } });
  });

  it('browser mode: refused, unreachable and not-PostgreSQL get one short answer', async () => {
    const answers = new Set<string>();
    for (const where of [{ host: '127.0.0.1', port: 1 }, { host: 'no-such-host.invalid', port: 5432 }, { host: '127.0.0.1', port: notPostgresPort }]) {
      for (const channel of ['database/test-postgres', 'database/connect-postgres']) {
        const r = await browser.call(channel, { ...base, ...where });
        expect(r.ok).toBe(false);
        answers.add(JSON.stringify(r));
      }
    }
    expect([...answers]).toEqual([JSON.stringify({ ok: false, error: { code: 'database_unavailable', message: 'Cannot connect to a PostgreSQL server with these settings.' } })]);
    // The desktop app's supervisor gets the detail.
    const detailed = await electron.call('database/test-postgres', { ...base, host: '127.0.0.1', port: 1 });
    expect(detailed).toMatchObject({ ok: false, error: { message: expect.stringMatching(/refused/) } });
  });
});
