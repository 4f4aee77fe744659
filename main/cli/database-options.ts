// The database options every command takes, and opening the database they name.
import type { Command } from 'commander';
import { resolveDatabaseTarget } from '../db/database-config';
import type { DbHandle, OpenOptions } from '../db/open-database';
import { fixedClock, systemClock, type Clock } from '../db/time';
import { InputError } from '../../shared/errors';
import { quoted } from './parse';
import { assertDatabaseFileExists, type DatabaseOptionFlags } from './database-hint';
import { warnOnArgvPassword } from './password-warning';

export interface DatabaseFlags extends DatabaseOptionFlags {
  now?: string;
  readOnly?: boolean;
}

export function addDatabaseOptions(command: Command): Command {
  return command
    .option('--db <path>', 'SQLite database file (default: lead-console.sqlite in your data folder)')
    .option('--database-url <url>', 'PostgreSQL URL, postgres://user@host:5432/db (password: PGPASSWORD, ~/.pgpass, or the URL in DATABASE_URL)');
}

/**
 * `--read-only` for commands that only read: SQLite is opened read-only and PostgreSQL sessions
 * run every transaction read-only, so an audit cannot change the database even by mistake.
 */
export function addReadOnlyOption(command: Command, note = 'open the database read-only: this command changes nothing'): Command {
  return command.option('--read-only', note);
}

export function addNowOption(command: Command): Command {
  return command.option('--now <iso>', 'pretend the time is this ISO-8601 instant (for audits and tests)');
}

export function clockFrom(flags: DatabaseFlags): Clock {
  if (flags.now === undefined) return systemClock;
  const t = Date.parse(flags.now);
  const day = /^(\d{4})-(\d\d)-(\d\d)/.exec(flags.now);
  // Date.parse rolls 2026-02-30 over to March 2: a day the calendar lacks is refused instead.
  const realDay = day !== null && new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])).toISOString().startsWith(day[0]);
  if (Number.isNaN(t) || !realDay) {
    throw new InputError(`--now needs an ISO-8601 time such as 2026-11-24T15:00:00Z (got ${quoted(flags.now)}).`);
  }
  return fixedClock(new Date(t));
}

/**
 * For a command that only reads: no WAL checkpoint worker on SQLite. Starting that thread (a
 * second V8 and Node inside the process) and waiting for it to stop cost a short command more
 * than its query; what little such a run writes (the schema check, interrupted operations) is
 * checkpointed by SQLite itself, as when the worker cannot start (sqlite/wal-checkpointer.ts).
 */
export const NO_CHECKPOINT_WORKER: OpenOptions = { backgroundCheckpoints: false };

/** `mayCreate`: only migrate, seed-demo and demo may create a missing --db file. */
export async function withDatabase<T>(flags: DatabaseFlags, fn: (handle: DbHandle) => Promise<T>, options: OpenOptions & { mayCreate?: boolean } = {}): Promise<T> {
  const target = resolveDatabaseTarget({ db: flags.db, databaseUrl: flags.databaseUrl });
  if (!options.mayCreate) assertDatabaseFileExists(flags);
  warnOnArgvPassword(flags.databaseUrl);
  // Imported here, not above: the database layer (kysely, the migrations, the drivers) loads only
  // when a command opens a database, never for --help or a usage error (scripts/build-cli.mjs).
  const [{ openDatabase }, { markInterruptedOperations }] = await Promise.all([import('../db/open-database'), import('../services/operations/operation-recovery')]);
  const handle = await openDatabase({ ...target, readOnly: flags.readOnly }, options);
  try {
    // A run that writes finds what a killed one left `running` first (issue 19, item 4); best
    // effort: a database that refuses the write refuses the command's own writes more clearly.
    if (!flags.readOnly) await markInterruptedOperations(handle.db).catch(() => undefined);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
