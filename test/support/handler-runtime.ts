// One app runtime on a fresh test database, with every IPC handler over it: the set-up the IPC
// handler tests share. Registers its own beforeAll/afterAll; read the fields in tests or hooks.
import { afterAll, beforeAll } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import type { DbHandle } from '../../main/db/open-database';
import type { Clock } from '../../main/db/time';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import type { HandlerContext, Handlers } from '../../main/ipc/handler-types';
import type { IpcResult } from '../../shared/ipc/contract';
import { manualTrigger } from '../../main/services/jobs';
import { createTestTarget, type TestDialect } from './databases';

export interface HandlerRuntime {
  runtime: AppRuntime;
  handlers: Handlers;
  h: DbHandle;
  /** A channel called as the renderer calls it: parsed by its schema, then handled. */
  call(channel: string, input: unknown): Promise<IpcResult<unknown>>;
}

export function useHandlerRuntime(dialect: TestDialect, clock: Clock, ctx: HandlerContext): HandlerRuntime {
  const state = {
    call: (channel: string, input: unknown) => dispatch(state.handlers, channel, input, ctx),
  } as HandlerRuntime;
  beforeAll(async () => {
    state.runtime = new AppRuntime({ shell: 'browser', version: '9.9.9', clock, jobTrigger: manualTrigger });
    await state.runtime.useDatabase(await createTestTarget(dialect));
    state.handlers = createHandlers(state.runtime);
    state.h = state.runtime.handle;
  });
  afterAll(() => state.runtime.stop());
  return state;
}
