// Phone numbers are personal data: the folders and database files the console creates are its
// user's only (0700 / 0600). SQLite gives the -wal and -shm files the mode of the database file,
// so creating the database 0600 before SQLite opens it covers them too. Files a user chose
// elsewhere keep their mode (a shared folder may be shared on purpose), except in the console's
// own data folder, which older versions created 0755 / 0644.
import fs from 'node:fs';
import path from 'node:path';
import { userDataDir } from './database-config';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/** Creates the missing folders of `file` (0700) and the file itself, empty, 0600. */
export function preparePrivateDatabaseFile(file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (POSIX && path.resolve(dir) === path.resolve(userDataDir())) tightenOwnDataFolder(dir, file);
}

function tightenOwnDataFolder(dir: string, file: string): void {
  chmodIfLoose(dir, PRIVATE_DIR_MODE);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) chmodIfLoose(f, PRIVATE_FILE_MODE);
}

function chmodIfLoose(target: string, wanted: number): void {
  try {
    if ((fs.statSync(target).mode & 0o077) !== 0) fs.chmodSync(target, wanted);
  } catch {
    // Missing (-wal / -shm not there yet) or not ours to change: nothing to tighten.
  }
}

/** Makes a file the console wrote (an export) readable by its user only. */
export function makePrivate(file: string): void {
  if (POSIX) chmodIfLoose(file, PRIVATE_FILE_MODE);
}
