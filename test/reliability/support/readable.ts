// What "a clear error" means in these tests: a known code, one short line a supervisor can read,
// no stack trace, no SQL, no secret, and not an echo of a huge hostile value.
import { expect } from 'vitest';

export const ERROR_CODES = ['invalid_input', 'not_found', 'database_unavailable', 'database_too_new', 'database_locked', 'conflict', 'internal'];

export function expectReadableError(error: { code: string; message: string }, secrets: string[] = ['hunter2']): void {
  expect(ERROR_CODES).toContain(error.code);
  expect(error.code).not.toBe('internal');
  expect(typeof error.message).toBe('string');
  expect(error.message.trim().length).toBeGreaterThan(5);
  expect(error.message.length).toBeLessThanOrEqual(1000);
  expect(error.message).not.toContain('\n');
  expect(error.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|SQLITE_|syntax error|select .* from /i);
  for (const s of secrets) expect(error.message).not.toContain(s);
}
