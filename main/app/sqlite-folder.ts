// Browser mode opens or creates SQLite files only inside the one folder `serve
// --database-folder` names. Every path outside it, however spelled (absolute, `..`, a symlink
// out), gets the same answer, so the channel cannot probe which files exist elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../shared/errors';

export const SWITCHING_OFF =
  'Switching databases from the browser is off. Start `lead-console serve` with --database-folder DIR to allow the SQLite files in DIR.';

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root + path.sep);
}

/** The real path of `given` (absolute, or relative to the folder) when it lies inside `folder`. */
export function pathInFolder(folder: string, given: string): string {
  const root = fs.realpathSync(folder);
  const outside = new InputError(`Only SQLite files directly in ${root} (or its existing sub-folders) may be opened from the browser.`);
  const resolved = path.resolve(root, given);
  let dir: string;
  try {
    dir = fs.realpathSync(path.dirname(resolved));
  } catch {
    throw outside;
  }
  const file = path.join(dir, path.basename(resolved));
  if (!inside(root, dir) || file === root) throw outside;
  let link: fs.Stats | null = null;
  try {
    link = fs.lstatSync(file);
  } catch {
    return file; // not there yet
  }
  if (!link.isSymbolicLink()) return file;
  try {
    const real = fs.realpathSync(file);
    if (inside(root, real)) return real;
  } catch {
    // A dangling link: creating the file would write wherever it points.
  }
  throw outside;
}

/** Checks the folder `serve --database-folder` was given; its real path. */
export function checkDatabaseFolder(folder: string): string {
  let real: string;
  try {
    real = fs.realpathSync(path.resolve(folder));
  } catch {
    throw new InputError(`--database-folder: ${folder} does not exist.`);
  }
  if (!fs.statSync(real).isDirectory()) throw new InputError(`--database-folder: ${folder} is not a folder.`);
  return real;
}
