// Hostile values, shared by the IPC and CLI fuzzers: a fixed table of the classic ones (every
// run tries all of them) and fast-check arbitraries for the random sample.
import fc from 'fast-check';

export const SQL_FRAGMENTS = [
  "'; drop table leads; --",
  "1; delete from leads",
  "1 or 1=1",
  "' or '1'='1",
  '"; update leads set status = null; --',
  'null',
  "x') union select * from leads --",
];

export const HOSTILE_STRINGS = [
  ...SQL_FRAGMENTS,
  '',
  '   ',
  'x'.repeat(100_000),
  '\u0000',
  '\u202e\u0000\ud800',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '%s%n%x',
  '${process.exit(1)}',
  '__proto__',
  'not_a_status',
  'SALE\n; rm -rf /',
];

export const HOSTILE_NUMBERS = [-1, 0, -0, 1.5, 2 ** 31, 2 ** 53, Number.MAX_VALUE, -Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** Values of the wrong JSON type, or no JSON type at all. */
export const WRONG_TYPES: unknown[] = [null, true, false, [], [1, 2], {}, { $gt: 0 }, { toString: 'x' }, 'one', '1', 1e308, -5, Number.NaN];

export const BAD_DATES = ['yesterday', '2026-13-45T99:99:99Z', '2026-02-30', '0000-00-00T00:00:00Z', '9999999-01-01T00:00:00Z', '1e10', 'NaN', '', 'T', '2026-11-24 10:00'];
export const BAD_TIMEZONES = ['Mars/Olympus', 'UTC+99', '../../etc/localtime', "'; drop table leads; --", 'x'.repeat(5000), ''];
export const BAD_CRON = ['', '* * *', '61 * * * *', '*/0 * * * *', '* * * * * * *', 'every minute', '@reboot', "'; drop table job_settings; --", '-1 * * * *', '1-1000 * * * *', 'x'.repeat(500), '0 0 31 4,6,9,11 *', '0 0 31 2,4 *'];
export const BAD_DATABASE_URLS = [
  'mysql://root:hunter2@127.0.0.1/leads',
  'postgres://',
  'postgres://user:hunter2@:abc/db',
  'not a url',
  "postgres://u:hunter2@127.0.0.1:1/db'; drop table leads; --",
  'file:///etc/passwd',
  `postgres://u:hunter2@127.0.0.1:1/${'x'.repeat(3000)}`,
];

/** Anything JSON can carry, plus the non-JSON numbers. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...WRONG_TYPES, ...HOSTILE_NUMBERS, ...HOSTILE_STRINGS.filter((s) => s.length < 1000)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.double(),
  fc.integer(),
);

/** Strings that must be refused where a known word (status, job name) is expected. */
export const hostileWord: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 50 }).map((s) => `${s}¿`));

/** Numbers that are never a valid id or count. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...HOSTILE_NUMBERS.filter((n) => !(Number.isInteger(n) && n > 0 && n < 2 ** 31))),
  fc.integer({ max: 0 }),
  fc.double({ min: 2 ** 31, max: 2 ** 60, noNaN: true }).map(Math.floor),
  fc.double({ noInteger: true }),
);
