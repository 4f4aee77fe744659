// One console of the soak: the app runtime with its job scheduler on, and every IPC handler over
// it, as `serve` and the Electron main process build them. The parent sends channel calls
// through the fork channel; each goes through `dispatch` (schema, handler, error mapping), and
// the reply carries how long dispatch took: the IPC call as the console's main side sees it.
import { AppRuntime } from '../../main/app/app-runtime';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import type { HandlerContext } from '../../main/ipc/handler-types';
import { childConfig, offsetClock, type ConsoleMessage, type ParentMessage } from './protocol';

const config = childConfig();
const send = (message: ConsoleMessage) => process.send!(message);
const internalErrors: string[] = [];
const runtime = new AppRuntime({ shell: 'browser', version: 'soak', clock: offsetClock(config.clockOffsetMs) });

async function main(): Promise<void> {
  await runtime.useDatabase({ kind: 'postgres', url: config.databaseUrl });
  const handlers = createHandlers(runtime);
  let runsRecorded = 0;
  // A window is open on every console: it hears the push events (and the live view is pushed).
  runtime.events.subscribe((event, payload) => {
    if (event === 'jobs/run-finished') runsRecorded += 1;
    if (event === 'database/status' && (payload as { state: string }).state === 'unavailable') {
      send({ type: 'alert', message: (payload as { message: string }).message });
    }
  });
  const ctx: HandlerContext = { emit: (event, payload) => runtime.events.emit(event, payload) };
  const onInternalError = (channel: string, error: unknown) => {
    internalErrors.push(`${channel}: ${(error as Error)?.stack ?? String(error)}`.slice(0, 2000));
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'call') {
      const t0 = performance.now();
      void dispatch(handlers, message.channel, message.input, ctx, { onInternalError }).then((result) =>
        send({ type: 'reply', id: message.id, result, ms: performance.now() - t0 }),
      );
    } else if (message.type === 'stop') {
      // Stopping waits for the job runs in flight, so none is left `running`.
      void runtime.stop().then(() => {
        send({ type: 'stopped', runsRecorded, internalErrors });
        process.disconnect();
      });
    }
  });
  send({ type: 'ready', runner: runtime.scheduler.runnerId });
}

main().catch((error) => {
  process.stderr.write(`soak console ${config.index} failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
