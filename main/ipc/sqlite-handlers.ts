// The SQLite channels: open an existing file, create a new one (its own action). In Electron
// the path comes only from the main process's own dialogs; the page never names one. In browser
// mode a path is accepted only inside the folder `serve --database-folder` allowed.
import fs from 'node:fs';
import path from 'node:path';
import { ConsoleError, InputError } from '../../shared/errors';
import type { AppInfo, ParsedInputOf } from '../../shared/ipc/contract';
import type { AppRuntime } from '../app/app-runtime';
import type { DatabaseSettings } from '../app/database-settings';
import { foreignTables } from '../app/sqlite-file-check';
import { pathInFolder, SWITCHING_OFF } from '../app/sqlite-folder';
import { demoDatabaseFile, ensureDemoDatabase } from '../demo/demo-database';

/** Electron's native dialogs, shown by the main process. */
export interface SqliteDialogs {
  /** An existing file, or null when cancelled. */
  openSqlite(): Promise<string | null>;
  /** Where to create a new file, or null when cancelled. */
  createSqlite(): Promise<string | null>;
  /** "This file holds other tables: create the console's tables in it?" */
  confirmForeign(file: string, tables: string[]): Promise<boolean>;
}

export interface SqliteChoiceOptions {
  /** Remembers the choice for the next start (Electron); absent in browser mode. */
  settings?: DatabaseSettings;
  /** Electron: the path comes only from these. */
  dialogs?: SqliteDialogs;
  /** Browser mode: the folder `serve --database-folder` allows; absent: switching is off. */
  sqliteFolder?: string;
}

async function chosenFile(options: SqliteChoiceOptions, given: string | undefined, action: 'open' | 'create'): Promise<string | null> {
  if (options.dialogs) {
    if (given !== undefined) throw new InputError('In the desktop app the file is chosen in the dialog the console shows; the page cannot name a path.');
    const picked = action === 'open' ? await options.dialogs.openSqlite() : await options.dialogs.createSqlite();
    return picked ? path.resolve(picked) : null;
  }
  if (!options.sqliteFolder) throw new InputError(SWITCHING_OFF);
  if (given === undefined) throw new InputError('Give the name of a SQLite file in the allowed folder.');
  return pathInFolder(options.sqliteFolder, given);
}

async function use(runtime: AppRuntime, options: SqliteChoiceOptions, file: string): Promise<AppInfo> {
  const info = await runtime.useDatabase({ kind: 'sqlite', file });
  options.settings?.saveSqlite(file);
  return info;
}

export async function openSqlite(runtime: AppRuntime, options: SqliteChoiceOptions, input: ParsedInputOf<'database/open-sqlite'>): Promise<AppInfo> {
  const file = await chosenFile(options, input.file, 'open');
  if (file === null) return runtime.info();
  const name = path.basename(file);
  if (!fs.existsSync(file)) throw new InputError(`There is no file ${name} there. To start a new database, create it with "New database".`, 'not_found');
  if (fs.statSync(file).isDirectory()) throw new InputError(`${name} is a folder, not a SQLite file.`);
  const foreign = foreignTables(file);
  if (foreign) {
    const confirmed = options.dialogs ? await options.dialogs.confirmForeign(file, foreign) : input.confirmForeign === true;
    if (!confirmed && options.dialogs) return runtime.info();
    if (!confirmed) {
      const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '');
      throw new ConsoleError(
        'conflict',
        `${name} is not a Lead Console or dialer database: it holds other tables (${shown}). The console adds its own tables to it only when you confirm "Create the console's tables here".`,
      );
    }
  }
  return use(runtime, options, file);
}

export async function createSqlite(runtime: AppRuntime, options: SqliteChoiceOptions, input: ParsedInputOf<'database/create-sqlite'>): Promise<AppInfo> {
  const file = await chosenFile(options, input.file, 'create');
  if (file === null) return runtime.info();
  if (fs.existsSync(file)) throw new InputError(`${path.basename(file)} already exists: open it with "Open SQLite file" instead.`, 'conflict');
  return use(runtime, options, file);
}

/**
 * The demo database, created and seeded the first time (an empty database's offer). Its path is
 * the console's own, never the page's: allowed in browser mode without --database-folder too.
 */
export async function openDemo(runtime: AppRuntime, options: SqliteChoiceOptions): Promise<AppInfo> {
  const file = demoDatabaseFile();
  await ensureDemoDatabase(file);
  return use(runtime, options, file);
}
