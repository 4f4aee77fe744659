import { InputError } from '../../shared/errors';

/** A positive whole number given on the command line, or a clear error naming the flag. */
export function parsePositiveInt(value: string, flag: string, max = 1_000_000_000): number {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new InputError(`${flag} needs a whole number (got "${value}").`);
  const n = Number(text);
  if (n < 1 || n > max) throw new InputError(`${flag} must be between 1 and ${max.toLocaleString('en-US')} (got ${text}).`);
  return n;
}

export function parseId(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : parsePositiveInt(value, flag, 2_147_483_647);
}
