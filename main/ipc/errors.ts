// Turns whatever a handler throws into the `{ code, message }` the UI shows: ConsoleErrors keep
// theirs, schema errors become one readable `invalid_input` line, lost databases become
// `database_unavailable`, and anything else is `internal` with no stack, SQL or secret in it.
import { z } from 'zod';
import { ConsoleError, type ErrorCode } from '../../shared/errors';

export interface IpcError {
  code: ErrorCode;
  message: string;
}

const PG_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/**
 * node-postgres' own errors for a session the server cut carry no code. Which one a transaction
 * ends with depends on timing: cut while a statement runs, "Connection terminated"; cut before
 * the ROLLBACK is sent (the client already saw the socket close), "Client has encountered a
 * connection error and is not queryable" or "Client was closed and is not queryable".
 */
const LOST_CONNECTION = /Connection terminated|connection timeout|is not queryable/i;

export function zodMessage(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'input';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `Invalid request: ${parts.join('; ')}${more}.`;
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof ConsoleError) return { code: error.code, message: error.message };
  if (error instanceof z.ZodError) return { code: 'invalid_input', message: zodMessage(error) };
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (PG_CONNECTION_CODES.has(code) || LOST_CONNECTION.test(String(e?.message ?? ''))) {
    return { code: 'database_unavailable', message: 'The database is not reachable right now. The console retries on its own; try again in a moment.' };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'database_locked', message: 'The database is busy with another writer. Try again in a moment.' };
  }
  return { code: 'internal', message: 'Something went wrong inside the console. The action was not completed; details are in the log.' };
}
