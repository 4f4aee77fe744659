// What a printed hint needs to work when pasted: the program name as it was run (`npx
// lead-console` under npx) and the database option that was used. A password given in
// --database-url is left out (it belongs in PGPASSWORD, ~/.pgpass or DATABASE_URL).
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../shared/errors';
import type { DatabaseFlags } from './database-options';

export function programName(env: NodeJS.ProcessEnv = process.env): string {
  return env.npm_command === 'exec' ? 'npx lead-console' : 'lead-console';
}

/** A shell word that pastes back as `value`. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** ` --db FILE` or ` --database-url URL` as given (without a password), or '' for the default or DATABASE_URL. */
export function databaseOptionHint(flags: Pick<DatabaseFlags, 'db' | 'databaseUrl'>): string {
  if (flags.db !== undefined) return ` --db ${shellWord(flags.db)}`;
  if (flags.databaseUrl === undefined) return '';
  try {
    const u = new URL(flags.databaseUrl.trim());
    u.password = '';
    return ` --database-url ${shellWord(u.toString())}`;
  } catch {
    return '';
  }
}

/** `lead-console <args> --db …`, ready to paste. */
export function commandHint(args: string, flags: Pick<DatabaseFlags, 'db' | 'databaseUrl'>): string {
  return `${programName()} ${args}${databaseOptionHint(flags)}`;
}

/**
 * Only migrate, seed-demo and demo create a database: a mistyped --db elsewhere would make an
 * empty file (and its folders) and report on it as if all were well.
 */
export function assertDatabaseFileExists(flags: Pick<DatabaseFlags, 'db'>): void {
  if (flags.db === undefined || flags.db.trim() === '') return;
  if (fs.existsSync(path.resolve(flags.db))) return;
  throw new InputError(`There is no database at ${path.resolve(flags.db)}. Create one with: ${programName()} migrate --db ${shellWord(flags.db)} (or seed-demo for a demo).`, 'not_found');
}
