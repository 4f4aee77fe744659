import { ConsoleError } from '../../shared/errors';

/** 2: the request was wrong or the database out of reach (usage); 1: the work failed. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const USAGE_CODES = new Set(['invalid_input', 'not_found', 'database_unavailable', 'database_too_new', 'conflict']);

export function exitCodeFor(error: unknown): number {
  if (error instanceof ConsoleError && USAGE_CODES.has(error.code)) return EXIT_USAGE;
  return EXIT_FAILURE;
}

/** One line a supervisor can read; internals only with LEAD_CONSOLE_DEBUG=1. */
export async function messageFor(error: unknown): Promise<string> {
  if (error instanceof ConsoleError) return error.message;
  // A busy SQLite file or a PostgreSQL lost mid-command: the same plain words as the console.
  // Imported here: it checks for zod's errors, and zod loads only with a command that uses it.
  const { toIpcError } = await import('../ipc/errors');
  const known = toIpcError(error);
  if (known.code !== 'internal' && !process.env.LEAD_CONSOLE_DEBUG) return known.message;
  const e = error as Error;
  if (process.env.LEAD_CONSOLE_DEBUG) return e.stack ?? String(e);
  return `Unexpected error: ${e?.message ?? String(error)}`;
}
