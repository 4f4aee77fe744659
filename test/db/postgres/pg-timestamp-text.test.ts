// PostgreSQL timestamps come back as the ISO-8601 text SQLite stores (open-postgres.ts). The UTC
// sessions' text is rearranged, not parsed: every shape a UTC session prints must give what
// parsing it into a Date gives, and anything else (an offset, infinity) still goes through a Date.
import { expect, it } from 'vitest';
import { pgTimestampToIso } from '../../../main/db/postgres/open-postgres';

const viaDate = (text: string) => new Date(text).toISOString();

it('a UTC session’s timestamps, with 0 to 6 fraction digits, read as the instant they name', () => {
  for (const fraction of ['', '.5', '.12', '.123', '.1234', '.123456', '.999999']) {
    expect(pgTimestampToIso(`2026-11-24 10:00:00${fraction}+00`, false)).toBe(viaDate(`2026-11-24T10:00:00${fraction}Z`));
    expect(pgTimestampToIso(`2026-11-24 10:00:00${fraction}`, true)).toBe(viaDate(`2026-11-24T10:00:00${fraction}Z`));
  }
});

it('other text still goes through a Date (an offset), or comes back as it is (infinity)', () => {
  expect(pgTimestampToIso('2026-11-24 10:00:00+05:30', false)).toBe('2026-11-24T04:30:00.000Z');
  expect(pgTimestampToIso('2026-11-24 10:00:00+00', true)).toBe('2026-11-24 10:00:00+00');
  expect(pgTimestampToIso('infinity', false)).toBe('infinity');
});
