// What a supervisor reads when a call fails: a PostgreSQL session the server cut is
// `database_unavailable` whichever of node-postgres' errors ends the call (the outage test's
// recycle got `internal` when its ROLLBACK was sent on a client that had already seen the cut).
import pg from 'pg';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toIpcError } from '../../main/ipc/errors';
import { ConsoleError } from '../../shared/errors';

/** A real client whose session the server ended, once the client has seen it. */
async function cutClient(): Promise<pg.Client> {
  const url = inject('pgAdminUrl');
  const client = new pg.Client({ connectionString: url });
  const errored = new Promise<void>((resolve) => client.on('error', () => resolve()));
  await client.connect();
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
  await errored;
  return client;
}

describe('toIpcError', () => {
  it('a query on a client whose session was cut is database_unavailable, not internal', async () => {
    const client = await cutClient();
    const error = await client.query('rollback').then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((error as Error).message)).toMatch(/not queryable/);
    expect(toIpcError(error)).toMatchObject({ code: 'database_unavailable', message: expect.stringMatching(/not reachable/) });
  });

  it('a closed client too', async () => {
    const client = await cutClient();
    await client.end().catch(() => undefined);
    const error = await client.query('select 1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(toIpcError(error).code).toBe('database_unavailable');
  });

  it('keeps the other kinds apart', () => {
    expect(toIpcError(new ConsoleError('not_found', 'No list 9.'))).toEqual({ code: 'not_found', message: 'No list 9.' });
    expect(toIpcError(z.object({ listId: z.number() }).safeParse({}).error).code).toBe('invalid_input');
    expect(toIpcError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })).code).toBe('database_locked');
    const internal = toIpcError(new Error('syntax error at or near "selec" password=hunter2'));
    expect(internal.code).toBe('internal');
    expect(internal.message).not.toMatch(/selec|hunter2/);
  });
});
