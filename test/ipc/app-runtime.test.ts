import { describe, expect, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import { createHandlers } from '../../main/ipc/handlers';
import { dispatch } from '../../main/ipc/dispatch';
import { createTestTarget } from '../support/databases';

describe('app runtime', () => {
  it('keeps the open database when a switch fails, and says why without the password', async () => {
    const runtime = new AppRuntime({ shell: 'browser', version: '1', jobs: false });
    try {
      await runtime.useDatabase(await createTestTarget('sqlite'));
      const before = runtime.info();
      const handlers = createHandlers(runtime);
      const r = await dispatch(handlers, 'database/connect-postgres', { host: '127.0.0.1', port: 1, database: 'x', user: 'u', password: 'hunter2-secret', sslMode: 'disable' }, { emit: () => undefined });
      expect(r).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
      expect(JSON.stringify(r)).not.toContain('hunter2');
      expect(runtime.info()).toEqual(before);
      expect(await dispatch(handlers, 'campaigns/list', {}, { emit: () => undefined })).toEqual({ ok: true, value: [] });
    } finally {
      await runtime.stop();
    }
  });

  it('reports database/status when PostgreSQL goes away', async () => {
    const runtime = new AppRuntime({ shell: 'browser', version: '1', jobs: false });
    const seen: unknown[] = [];
    runtime.events.subscribe((event, payload) => event === 'database/status' && seen.push(payload));
    await runtime.useDatabase(await createTestTarget('postgres'));
    // The settings form may offer to keep this connection's password.
    expect(runtime.info().database.has_password).toBe(true);
    expect(await runtime.checkHealth()).toBe('ok');
    await runtime.handle.close(); // the server is gone, as far as this pool knows
    expect(await runtime.checkHealth()).toBe('unavailable');
    expect(seen.at(-1)).toMatchObject({ state: 'unavailable', message: expect.stringMatching(/Lost the connection/) });
    expect(JSON.stringify(seen)).not.toMatch(/password|postgres:postgres@/);
    await runtime.stop();
  });

  it('without jobs (serve --no-jobs) still lists the jobs and their history, and refuses to run one', async () => {
    const runtime = new AppRuntime({ shell: 'browser', version: '1', jobs: false });
    try {
      await runtime.useDatabase(await createTestTarget('sqlite'));
      const handlers = createHandlers(runtime);
      const call = (channel: string, input: unknown) => dispatch(handlers, channel, input, { emit: () => undefined });
      expect(runtime.info()).toMatchObject({ runs_jobs: false, database: { kind: 'sqlite', has_password: false } });
      const list = await call('jobs/list', {});
      expect(list).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ job: 'fill_hopper' })]) });
      expect(await call('jobs/history', { limit: 10 })).toEqual({ ok: true, value: [] });
      expect(await call('jobs/set', { job: 'fill_hopper', enabled: false })).toMatchObject({ ok: true, value: { job: 'fill_hopper', enabled: false } });
      const run = await call('jobs/run-now', { job: 'fill_hopper' });
      expect(run).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('--no-jobs') } });
      expect(await call('jobs/history', { limit: 10 })).toEqual({ ok: true, value: [] });
    } finally {
      await runtime.stop();
    }
  });

  it('answers database_unavailable when no database is open', async () => {
    const runtime = new AppRuntime({ shell: 'electron', version: '1', jobs: false });
    const r = await dispatch(createHandlers(runtime), 'recycling/breakdown', { listId: 1 }, { emit: () => undefined });
    expect(r).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
    expect(runtime.info().database.description).toBe('no database open');
  });
});
