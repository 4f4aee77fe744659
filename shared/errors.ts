// Errors that cross a boundary (CLI exit code, IPC `{ code, message }`) carry a stable code
// and a message written for a supervisor, never a stack trace or a secret.

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'database_unavailable'
  | 'database_too_new'
  | 'database_locked'
  | 'conflict'
  /** The caller walked away (dialog closed, screen left, Ctrl+C): the work stopped. */
  | 'cancelled'
  | 'internal';

export class ConsoleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

/** Bad input: a flag, a payload, an id that does not exist. */
export class InputError extends ConsoleError {
  constructor(message: string, code: ErrorCode = 'invalid_input') {
    super(code, message);
  }
}

export function notFound(what: string): ConsoleError {
  return new ConsoleError('not_found', `${what} does not exist.`);
}

/** The work was stopped because its caller cancelled it (an AbortSignal fired). */
export function cancelled(what: string): ConsoleError {
  return new ConsoleError('cancelled', `${what} was cancelled.`);
}
