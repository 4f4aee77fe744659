// Hostile command lines for every CLI command: per flag, a few values from each family (wrong
// type, SQL, huge, negative/enormous/NaN numbers, bad dates, bad cron, bad URLs). Every one must
// end with exit 2 and a one-line message, before or without touching the database.
import fc from 'fast-check';
import { BAD_CRON, BAD_DATABASE_URLS, BAD_DATES } from './hostile';

export type DbArgs = string[];

const BAD_IDS = ['1\n2', '0', '-1', '1.5', 'NaN', 'Infinity', '1e9999', '99999999999999999999', "'; drop table leads; --", '', ' ', '0x10', '987654'];
const BAD_COUNTS = ['0', '-5', 'NaN', 'Infinity', '1e400', '3.7', 'ten', "1; delete from leads", '99999999999'];
const HUGE = 'x'.repeat(50_000);

/** [command words..., flags...] without the database flags; the runner adds them. */
export function cliTable(ids: { listId: number; campaignId: number }): string[][] {
  const L = String(ids.listId);
  const C = String(ids.campaignId);
  const rows: string[][] = [];
  const each = (values: string[], make: (v: string) => string[]) => values.forEach((v) => rows.push(make(v)));
  each(BAD_IDS.filter((_, i) => i % 2 === 0), (v) => ['breakdown', '--list', v]);
  each(BAD_IDS.slice(1, 4), (v) => ['fix-lead-status', '--campaign', v]);
  rows.push(['fix-lead-status', '--report-only', '--dry-run']);
  each(BAD_DATES.slice(0, 3), (v) => ['sync-calls', '--now', v]);
  each(BAD_IDS.slice(3, 5), (v) => ['hopper', 'fill', '--campaign', v]);
  each(BAD_COUNTS.slice(0, 2), (v) => ['hopper', 'fill', '--campaign', C, '--target', v]);
  each(BAD_COUNTS.slice(2, 4), (v) => ['hopper', 'claim', '--campaign', C, '--count', v]);
  rows.push(['hopper', 'stats', '--campaign', '987654'], ['hopper', 'explain', '--campaign', "'; drop table leads; --"], ['hopper', 'cleanup', '--now', 'yesterday']);
  each(['dnc', "'; drop table leads; --", HUGE], (v) => ['recycle', '--list', L, '--status', 'no_answer', '--target', v]);
  rows.push(['recycle', '--list', L, '--status', 'sale'], ['recycle', '--list', L, '--status', 'sale', '--override-final', ''], ['recycle', '--list', '987654', '--status', 'busy'], ['recycle', '--list', L]);
  each(["'; drop table operations; --", '00000000-0000-4000-8000-000000000000'], (v) => ['undo', '--operation', v]);
  each(BAD_CRON.slice(1, 7), (v) => ['jobs', 'set', 'fill_hopper', '--schedule', v]);
  rows.push(['jobs', 'set', 'fill_hopper', '--enable', '--disable'], ['jobs', 'set', "'; drop table job_settings; --", '--enable'], ['jobs', 'run', 'rm -rf /'], ['jobs', 'history', '--limit', '1001'], ['jobs', 'history', '--job', 'nope'], ['jobs', 'list', '--now', 'NaN']);
  each(['0', '999999'], (v) => ['run-jobs', '--once', '--retention-days', v]);
  rows.push(['run-jobs', '--now', '2026-11-24T10:00:00Z'], ['run-jobs', '--once', '--runner', "'; drop table job_runs; --"]);
  each(['NaN', '1e9'], (v) => ['simulate', '--campaign', C, '--speedup', v]);
  rows.push(['simulate', '--campaign', C, '--rate', '-1'], ['simulate', '--campaign', '987654', '--duration', '1'], ['simulate', '--campaign', C, '--now', 'yesterday']);
  each(['-1', '5000001'], (v) => ['seed-demo', '--leads', v]);
  each(['65536', 'http'], (v) => ['serve', '--port', v]);
  // demo validates its port before it would seed its 58,466 leads (into the file given by --db).
  rows.push(['demo', '--no-serve', '--port', '70000']);
  rows.push(['migrate', '--json', '--nope'], ['no-such-command'], ['breakdown', '--list']);
  // The second wave's commands: lead lookup, status words, import/export, DNC, campaign rules, callbacks.
  rows.push(['lead', 'find'], ['lead', 'show', '--id', "'; drop table leads; --"], ['lead', 'set-status', '--id', 'abc', '--status', 'busy', '--reason', 'x']);
  rows.push(['lead', 'reset-attempts', '--id', '-1', '--reason', 'x'], ['statuses', 'map', '--from', 'XFER', '--to', "'; drop table leads; --"], ['statuses', 'aliases', '--nope']);
  rows.push(['import-leads', 'vendor.csv', '--list', 'abc'], ['export-leads', '--list', HUGE], ['dnc', 'add', '--nope'], ['dnc', 'remove', '2125550100']);
  rows.push(['dnc', 'import'], ['dnc', 'export', '--nope'], ['dnc', 'check']);
  rows.push(['campaign', 'show', '--campaign', 'abc'], ['campaign', 'set', '--campaign', C, '--max-attempts', '-5'], ['campaign', 'history', '--campaign', "'; drop table campaigns; --"]);
  rows.push(['list', 'set', '--list', 'abc', '--active'], ['recycle-rules', 'list', '--campaign', 'abc'], ['recycle-rules', 'set', '--campaign', C, '--status', 'busy', '--delay', '-1', '--max', '2']);
  rows.push(['recycle-rules', 'remove', '--campaign', 'abc', '--status', 'busy'], ['callbacks', 'add', '--lead', 'abc', '--due', '2026-01-01T00:00:00Z'], ['callbacks', 'list', '--campaign', 'abc'], ['callbacks', 'cancel', '--id', 'abc']);
  // Issue 18's reports: a bad id, a bad date, a period that ends before it starts or is too long.
  each(BAD_IDS.slice(0, 3), (v) => ['report', 'penetration', '--list', v]);
  rows.push(['report', 'penetration', '--list', L, '--now', 'yesterday'], ['report', 'penetration']);
  rows.push(['report', 'activity', '--campaign', "'; drop table call_logs; --"], ['report', 'activity', '--campaign', '987654']);
  each(BAD_DATES.slice(0, 3), (v) => ['report', 'activity', '--campaign', C, '--from', v]);
  rows.push(['report', 'activity', '--campaign', C, '--from', '2026-11-24T10:00:00Z', '--to', '2026-11-24T09:00:00Z'], ['report', 'activity', '--campaign', C, '--from', '2026-01-01T00:00:00Z', '--to', '2026-11-24T00:00:00Z']);
  return rows;
}

/** Database flags that must be refused whatever the command (the password never printed). */
export const BAD_DATABASE_ARGS: string[][] = [
  ...BAD_DATABASE_URLS.map((u) => ['--database-url', u]),
  ['--db', ''],
  ['--db', '/proc'],
  ['--db', 'x.sqlite', '--database-url', 'postgres://u:hunter2@127.0.0.1:1/db'],
];

/** The random sample: a command with one flag set to a random hostile value. */
export function cliSample(ids: { listId: number; campaignId: number }): fc.Arbitrary<string[]> {
  const L = String(ids.listId);
  const C = String(ids.campaignId);
  const num = fc.oneof(fc.constantFrom(...BAD_IDS, ...BAD_COUNTS), fc.integer({ max: 0 }).map(String), fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }).map(String), fc.string({ maxLength: 20 }).filter((s) => !/^\s*\d+\s*$/.test(s)));
  const date = fc.oneof(fc.constantFrom(...BAD_DATES), fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d\d-\d\d/.test(s)));
  return fc.oneof(
    num.map((v) => ['breakdown', '--list', v]),
    num.map((v) => ['hopper', 'stats', '--campaign', v]),
    num.map((v) => ['hopper', 'claim', '--campaign', C, '--count', v]),
    num.map((v) => ['jobs', 'history', '--limit', v]),
    date.map((v) => ['hopper', 'explain', '--campaign', C, '--now', v]),
    date.map((v) => ['fix-lead-status', '--report-only', '--now', v]),
    fc.constantFrom(...BAD_CRON).map((v) => ['jobs', 'set', 'sync_call_log_to_lead_status', '--schedule', v]),
    fc.string({ minLength: 1, maxLength: 40 }).map((v) => ['recycle', '--list', L, '--status', 'busy', '--target', `${v}~`]),
  );
}
