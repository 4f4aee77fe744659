// Browser mode end to end: open the database, start services and jobs, serve the page and the
// handlers. Used by `lead-console serve`, `npm run demo` and the end-to-end tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppRuntime } from '../app/app-runtime';
import type { DatabaseTarget } from '../db/database-config';
import type { Clock } from '../db/time';
import { dispatch } from '../ipc/dispatch';
import { openCsvDownload } from '../ipc/csv-downloads';
import { createHandlers } from '../ipc/handlers';
import { startWebServer, type WebServer } from './web-server';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROOT = PROJECT_ROOT;
/** The built page; LEAD_CONSOLE_RENDERER_DIR moves it (tests build into a temp folder). */
export const RENDERER_DIST = process.env.LEAD_CONSOLE_RENDERER_DIR ? path.resolve(process.env.LEAD_CONSOLE_RENDERER_DIR) : path.join(ROOT, 'dist', 'renderer');

export function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export interface ServeOptions {
  target: DatabaseTarget;
  port?: number;
  staticDir?: string;
  clock?: Clock;
  jobs?: boolean;
  /** The folder whose SQLite files the page may open and create (`--database-folder`); absent: none. */
  sqliteFolder?: string;
  /** How long the single-use codes of the printed and opened links stay valid. */
  codeTtlMs?: number;
  /** Largest import file a browser may upload (default 200 MB). */
  uploadLimitBytes?: number;
  /** Where unexpected errors are logged (never sent to the page). */
  log?: (line: string) => void;
}

export interface RunningConsole {
  runtime: AppRuntime;
  server: WebServer;
  /** `Console: http://127.0.0.1:PORT/session?code=CODE`: opens the console once. */
  line: string;
  stop(): Promise<void>;
}

export async function serveConsole(options: ServeOptions): Promise<RunningConsole> {
  const runtime = new AppRuntime({ shell: 'browser', version: appVersion(), clock: options.clock, jobs: options.jobs });
  await runtime.useDatabase(options.target);
  const handlers = createHandlers(runtime, { sqliteFolder: options.sqliteFolder });
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let server: WebServer;
  try {
    server = await startWebServer({
      events: runtime.events,
      staticDir: options.staticDir ?? RENDERER_DIST,
      port: options.port,
      codeTtlMs: options.codeTtlMs,
      uploadLimitBytes: options.uploadLimitBytes,
      download: (request) => openCsvDownload(runtime, request),
      onDownloadError: (error) => log(`lead-console: a download failed: ${(error as Error)?.stack ?? String(error)}`),
      dispatch: (channel, input, signal) =>
        dispatch(handlers, channel, input, { emit: (event, payload) => runtime.events.emit(event, payload), signal }, {
          onInternalError: (ch, error) => log(`lead-console: ${ch} failed: ${(error as Error)?.stack ?? String(error)}`),
        }),
    });
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  return {
    runtime,
    server,
    // CONSOLE_URL_PREFIX + PORT + path: the link opens the console once.
    line: `Console: ${server.issueLink()}`,
    async stop() {
      await server.close();
      await runtime.stop();
    },
  };
}
