import { InputError } from '../../shared/errors';

/** A value echoed in an error: quoted, on one line (newlines escaped), cut when long. */
export function quoted(value: unknown): string {
  const text = JSON.stringify(String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

/** A positive whole number given on the command line, or a clear error naming the flag. */
export function parsePositiveInt(value: string, flag: string, max = 1_000_000_000): number {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new InputError(`${flag} needs a whole number (got ${quoted(value)}).`);
  const n = Number(text);
  if (n < 1 || n > max) throw new InputError(`${flag} must be between 1 and ${max.toLocaleString('en-US')} (got ${text}).`);
  return n;
}

export function parseId(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : parsePositiveInt(value, flag, 2_147_483_647);
}
