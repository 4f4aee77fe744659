import type { Command } from 'commander';
import { checkDatabaseFolder } from '../../app/sqlite-folder';
import { resolveDatabaseTarget } from '../../db/database-config';
import { warnOnArgvPassword } from '../password-warning';
import type { serveConsole } from '../../web/serve-console';
import { assertDatabaseFileExists } from '../database-hint';
import { addDatabaseOptions, type DatabaseFlags } from '../database-options';
import { parsePositiveInt } from '../parse';

export function registerServe(program: Command): void {
  addDatabaseOptions(program.command('serve').description('open the console in a browser: serves it on 127.0.0.1 with a per-run token'))
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--no-jobs', 'do not run the scheduled maintenance jobs')
    .option('--database-folder <dir>', 'let the page open and create SQLite files in this folder (off by default)')
    .option('--upload-limit-mb <n>', 'largest lead or DNC file the browser may upload', '200')
    .action(async (flags: DatabaseFlags & { port?: string; jobs: boolean; databaseFolder?: string; uploadLimitMb: string }) => {
      const port = flags.port === undefined ? 0 : parsePositiveInt(flags.port, '--port', 65535);
      const uploadLimitBytes = parsePositiveInt(flags.uploadLimitMb, '--upload-limit-mb', 100_000) * 1024 * 1024;
      const target = resolveDatabaseTarget({ db: flags.db, databaseUrl: flags.databaseUrl });
      assertDatabaseFileExists(flags);
      const sqliteFolder = flags.databaseFolder === undefined ? undefined : checkDatabaseFolder(flags.databaseFolder);
      warnOnArgvPassword(flags.databaseUrl);
      await runConsoleUntilStopped({ target, port, jobs: flags.jobs, sqliteFolder, uploadLimitBytes });
    });
}

/** Serves until Ctrl+C or SIGTERM, then stops the jobs and closes the database. */
export async function runConsoleUntilStopped(options: Parameters<typeof serveConsole>[0] & { onReady?: (url: string) => void }): Promise<void> {
  // The web server, the IPC handlers and the jobs load here, not for --help (scripts/build-cli.mjs).
  const [{ ensureRendererBuilt }, { serveConsole }] = await Promise.all([import('../../web/renderer-build'), import('../../web/serve-console')]);
  if (options.staticDir === undefined) ensureRendererBuilt();
  const running = await serveConsole(options);
  // Signal handlers before the Console line: a script that reads the line may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.stop().finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stderr.write(`Serving ${running.runtime.info().database.description}. Open the address below; Ctrl+C stops.\n`);
  process.stdout.write(`${running.line}\n`);
  // Its own single-use link: the printed one stays good for another browser.
  options.onReady?.(running.server.issueLink());
  await stopped;
}
