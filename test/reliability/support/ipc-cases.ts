// For every IPC channel: a valid input to start from, and per field the hostile values that
// must be refused. The fuzzer mutates the valid input with them (one field, an unknown key, or
// the whole input replaced), so every generated request is one a handler must refuse.
import fc from 'fast-check';
import type { Channel } from '../../../shared/ipc/contract';
import { anyValue, BAD_CRON, BAD_DATES, HOSTILE_NUMBERS, hostileNumber, hostileWord, WRONG_TYPES } from './hostile';

export interface ChannelCase {
  /** A valid input (for the seeded database) the mutations start from. */
  base: Record<string, unknown>;
  /** Per field: values that make the request one to refuse. */
  fields: Record<string, fc.Arbitrary<unknown>>;
  /** Only reads: a hostile but well-formed value may be answered (it must still change nothing). */
  readOnly: boolean;
}

const NONEXISTENT_ID = 987_654;

/** An id field: never valid numbers, wrong types, or an id that does not exist. */
const badId = fc.oneof(hostileNumber, fc.constantFrom(...WRONG_TYPES), fc.constant(NONEXISTENT_ID));
// No strings here: 'one' is a valid file name, host or progress id. Hostile strings come per field.
const wrongType = fc.constantFrom(...WRONG_TYPES.filter((v) => typeof v !== 'boolean' && typeof v !== 'string'));
const hugeString = fc.integer({ min: 5_000, max: 200_000 }).map((n) => 'x'.repeat(n));
const notBool = fc.oneof(wrongType, fc.constantFrom(0, 1, 'true', 'false'));
const badStatusList = fc.oneof(
  fc.constant([]),
  fc.array(fc.oneof(wrongType.filter((v) => v !== null), hugeString.map((s) => s.slice(0, 201 + s.length % 1000))), { minLength: 1, maxLength: 3 }),
  fc.constant(Array.from({ length: 501 }, () => 'busy')),
  wrongType,
);
const badTarget = fc.oneof(hostileWord, fc.constantFrom('dnc', 'sale', 'contacted', 'callback', 'not_interested', null, 5));
const badProgressId = fc.oneof(fc.constantFrom('', 'x'.repeat(65), '../../x', 'a b', "'; drop table leads; --", '\u0000'), wrongType.filter((v) => v !== undefined));
const badJob = fc.oneof(hostileWord, wrongType);
// Issue 20: NUL and other control characters, traversal and other applications' paths.
const badFile = fc.oneof(
  fc.constantFrom('', '   ', 'x'.repeat(4097), 'a\u0000.sqlite', 'a\n.sqlite', '\u001b[2J.sqlite', 'x\u007f', '../../etc/passwd', '/etc/passwd', '/proc/self/environ'),
  wrongType.filter((v) => v !== undefined),
);
const badCron = fc.oneof(fc.constantFrom(...BAD_CRON), wrongType);
const badLimit = fc.oneof(hostileNumber, fc.constantFrom(1001, 5001, 1e9), fc.constantFrom(...WRONG_TYPES));
const badSource = fc.oneof(hostileWord, wrongType.filter((v) => v !== null));
const badWord = fc.oneof(hostileWord, wrongType);
const badReason = fc.oneof(fc.constantFrom('', '   '), hugeString, wrongType);
const badOpId = fc.oneof(fc.constantFrom('not-a-uuid', '00000000-0000-4000-8000-000000000000', "'; drop table operations; --", '00000000-0000-0000-0000-00000000000g', ''), hugeString, wrongType);

/** An uploaded-file id nothing was uploaded under. */
const NO_FILE = '00000000-0000-4000-8000-000000000000';
const badPhone = fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(65)), hugeString, wrongType);

const badDate = fc.oneof(fc.constantFrom(...BAD_DATES), wrongType.filter((v) => v !== undefined));
const auditFields = {
  listId: badId,
  source: badSource,
  operationId: fc.oneof(hugeString, wrongType),
  leadId: badId,
  phone: fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(41), 'abc', '12'), hugeString, wrongType),
  from: badDate,
  to: badDate,
  limit: badLimit,
  beforeId: badId,
};

export function channelCases(seed: { listId: number; campaignId: number; operationId: string }): Record<Channel, ChannelCase> {
  const { listId, campaignId, operationId } = seed;
  const recycle = {
    base: { listId, statuses: ['no_answer'], targetStatus: 'new', resetDialCount: false },
    fields: {
      listId: badId,
      statuses: badStatusList,
      targetStatus: badTarget,
      resetDialCount: notBool,
      finalOverride: fc.oneof(fc.constantFrom({ reason: '' }, { reason: 'ab' }, { reason: 'ok reason', extra: 1 }, {}), hugeString.map((s) => ({ reason: s })), wrongType.filter((v) => v !== undefined)),
      progressId: badProgressId,
    },
  };
  const pgConn = {
    base: { host: '127.0.0.1', port: 1, database: 'leads', user: 'u', password: 'hunter2-secret', sslMode: 'disable' },
    fields: {
      // Issue 20: URL parameters, a socket folder, a port or credentials smuggled in the host.
      host: fc.oneof(
        fc.constantFrom('', '   ', 'db?options=-c log_statement=all', 'db/x?sslrootcert=/etc/passwd', '/var/run/postgresql', 'db:5432', 'u:p@db', 'db&application_name=x', 'db\u0000'),
        hugeString,
        wrongType,
      ),
      port: fc.oneof(fc.constantFrom(0, -1, 65536, 1.5, 2 ** 53, ...HOSTILE_NUMBERS.filter((n) => !Number.isInteger(n))), wrongType.filter((v) => v !== undefined)),
      database: fc.oneof(fc.constantFrom('', 'x'.repeat(64)), hugeString, wrongType),
      user: fc.oneof(fc.constantFrom('', 'x'.repeat(64)), hugeString, wrongType),
      password: fc.oneof(hugeString, wrongType.filter((v) => v !== undefined)),
      sslMode: fc.oneof(fc.constantFrom('prefer', 'allow', 'verify-ca', 'true', '', 'DISABLE'), notBool),
    },
  };
  // Values every setting refuses (0 is a valid delay, so no generic hostile numbers here).
  const badPatch = fc.oneof(
    fc.constantFrom(
      { retry_delay_minutes: -1 },
      { retry_delay_minutes: 1.5 },
      { max_dial_attempts: 0 },
      { max_dial_attempts: 101 },
      { hopper_target: 1e12 },
      { recyclable_statuses: ['sale'] },
      { recyclable_statuses: ["'; drop table leads; --"] },
      { call_window_start: '25:00' },
      { call_window_start: '21:00', call_window_end: '09:00' },
      { timezone: 'Mars/Olympus' },
      { lead_order: 'sideways' },
      { new_every: 1 },
      { name: '' },
      { dialer: 'x' },
      {},
    ),
    wrongType,
  );
  const campaignChange = { base: { campaignId, patch: { retry_delay_minutes: 45 } }, fields: { campaignId: badId, patch: badPatch } };
  const badRuleNumber = fc.oneof(fc.constantFrom(-1, 1.5, 1e9, Number.NaN), wrongType);
  return {
    'campaigns/settings': { base: { campaignId }, fields: { campaignId: badId }, readOnly: true },
    'campaigns/history': { base: { campaignId }, fields: { campaignId: badId }, readOnly: true },
    'campaigns/preview-change': { ...campaignChange, readOnly: true },
    'campaigns/update': { ...campaignChange, readOnly: false },
    'campaigns/set-recycle-rule': {
      base: { campaignId, status: 'busy', delay_minutes: 30, max_attempts: 3 },
      fields: { campaignId: badId, status: fc.oneof(hostileWord, fc.constantFrom('sale', 'dnc', 'new'), wrongType), delay_minutes: badRuleNumber, max_attempts: fc.oneof(fc.constantFrom(0, 101), badRuleNumber) },
      readOnly: false,
    },
    'campaigns/remove-recycle-rule': { base: { campaignId, status: 'busy' }, fields: { campaignId: badId, status: fc.oneof(hostileWord, wrongType) }, readOnly: false },
    'lists/set-active': { base: { listId, active: true }, fields: { listId: badId, active: notBool }, readOnly: false },
    'callbacks/list': { base: { campaignId }, fields: { campaignId: badId, due: notBool, agent: fc.oneof(fc.constantFrom('', '   '), hugeString, wrongType.filter((v) => v !== undefined)) }, readOnly: true },
    'callbacks/add': {
      base: { leadId: 1, dueAt: '2026-11-24T15:00:00Z' },
      fields: { leadId: badId, dueAt: fc.oneof(fc.constantFrom(...BAD_DATES), wrongType), agent: fc.oneof(fc.constantFrom('', '   '), hugeString, wrongType.filter((v) => v !== undefined)), note: fc.oneof(hugeString, wrongType.filter((v) => v !== undefined)) },
      readOnly: false,
    },
    'callbacks/cancel': { base: { id: 1 }, fields: { id: badId }, readOnly: false },
    'requests/cancel': { base: { requestId: 'req-1' }, fields: { requestId: fc.oneof(badProgressId, fc.constant(undefined)) }, readOnly: true },
    'app/get-info': { base: {}, fields: {}, readOnly: true },
    // Not read-only for the fuzzer: a random well-formed host would send it to DNS.
    'database/test-postgres': { ...pgConn, readOnly: false },
    'database/connect-postgres': { ...pgConn, readOnly: false },
    'database/open-sqlite': { base: { file: '/proc/version/x.sqlite' }, fields: { file: badFile, confirmForeign: notBool }, readOnly: false },
    // Browser mode without --database-folder: even a well-formed path is refused.
    'database/create-sqlite': { base: { file: '/tmp/lead-console-fuzz-created.sqlite' }, fields: { file: badFile }, readOnly: false },
    'database/open-demo': { base: {}, fields: {}, readOnly: false },
    'campaigns/list': { base: {}, fields: {}, readOnly: true },
    'recycling/breakdown': { base: { listId }, fields: { listId: badId }, readOnly: true },
    'recycling/preview': { ...recycle, readOnly: true },
    'recycling/recycle': { ...recycle, readOnly: false },
    'leads/problem-report': { base: { listId }, fields: { listId: badId, recount: notBool, progressId: badProgressId, requestId: badProgressId }, readOnly: true },
    'leads/fix-problematic': { base: { listId, dryRun: false }, fields: { listId: badId, dryRun: notBool, progressId: badProgressId, requestId: badProgressId }, readOnly: false },
    'operations/last-undoable': { base: { listId }, fields: { listId: badId }, readOnly: true },
    'operations/undo': { base: { operationId }, fields: { operationId: badOpId, progressId: badProgressId }, readOnly: false },
    'hopper/stats': { base: { campaignId }, fields: { campaignId: badId, eligible: notBool }, readOnly: true },
    'hopper/explain': { base: { campaignId }, fields: { campaignId: badId, requestId: badProgressId, now: fc.oneof(fc.constantFrom(...BAD_DATES), wrongType.filter((v) => v !== undefined)) }, readOnly: true },
    'hopper/fill': { base: { campaignId, target: 50 }, fields: { campaignId: badId, target: fc.oneof(hostileNumber, fc.constantFrom(100_001, 1e12), wrongType.filter((v) => v !== undefined)) }, readOnly: false },
    'hopper/cleanup': { base: {}, fields: {}, readOnly: false },
    'jobs/list': { base: {}, fields: {}, readOnly: true },
    'jobs/history': {
      base: { job: 'fill_hopper', limit: 10 },
      fields: { job: badJob, limit: badLimit, outcome: badWord, before: fc.oneof(fc.constantFrom({}, { started_at: 'x'.repeat(41), id: 1 }, { started_at: '2026-11-24T10:00:00Z', id: -1 }, { id: 1 }), wrongType.filter((v) => v !== undefined)) },
      readOnly: true,
    },
    'jobs/preview-reconcile': { base: {}, fields: {}, readOnly: true },
    'jobs/run-now': { base: { job: 'fill_hopper' }, fields: { job: badJob }, readOnly: false },
    'jobs/set': { base: { job: 'fill_hopper', schedule: '*/5 * * * *' }, fields: { job: badJob, schedule: badCron, enabled: notBool }, readOnly: false },
    'audit/list': { base: { listId, limit: 10 }, fields: auditFields, readOnly: true },
    'leads/search': { base: { query: 'smith', limit: 10 }, fields: { query: fc.oneof(fc.constantFrom('', '   ', 'x', '+1-2'), hugeString, wrongType), limit: badLimit, beforeId: badId }, readOnly: true },
    'leads/story': { base: { leadId: 1 }, fields: { leadId: badId }, readOnly: true },
    'leads/set-status': { base: { leadId: 1, status: 'busy', reason: 'fuzz' }, fields: { leadId: badId, status: badWord, reason: badReason, overrideFinal: notBool }, readOnly: false },
    'leads/reset-attempts': { base: { leadId: 1, reason: 'fuzz' }, fields: { leadId: badId, reason: badReason }, readOnly: false },
    'leads/add-phone-to-dnc': { base: { leadId: 1, reason: 'fuzz' }, fields: { leadId: badId, reason: badReason }, readOnly: false },
    'leads/schedule-callback': {
      base: { leadId: 1, dueAt: '2026-11-24T15:00:00Z', reason: 'fuzz' },
      fields: { leadId: badId, dueAt: fc.oneof(fc.constantFrom(...BAD_DATES), wrongType), agent: fc.oneof(fc.constantFrom('', '   '), hugeString, wrongType.filter((v) => v !== undefined)), reason: badReason },
      readOnly: false,
    },
    'statuses/map': { base: { from: 'XFER', to: 'contacted', dryRun: true }, fields: { from: fc.oneof(fc.constantFrom('', '   ', 'na', 'NEW', ' Sale ', 'x'.repeat(65)), wrongType), to: badWord, listId: badId, saveAlias: notBool, dryRun: notBool }, readOnly: false },
    'statuses/aliases': { base: {}, fields: {}, readOnly: true },
    'statuses/remove-alias': { base: { word: 'xfer' }, fields: { word: fc.oneof(fc.constantFrom('', '   ', 'na', 'new', 'never-saved'), hugeString, wrongType) }, readOnly: false },
    'audit/export-csv': { base: { listId, limit: 10 }, fields: auditFields, readOnly: true },
    'imports/choose-file': { base: {}, fields: {}, readOnly: true },
    'imports/preview': { base: { fileId: NO_FILE }, fields: { fileId: badOpId }, readOnly: true },
    'imports/run': {
      base: { listId, fileId: NO_FILE, dedupe: 'campaign', dryRun: false },
      fields: { listId: badId, fileId: badOpId, dedupe: badSource, dryRun: notBool, progressId: badProgressId },
      readOnly: false,
    },
    // Browser mode and the fuzz's runtime have no save dialog: every request is refused, well-formed or not.
    'files/save-csv': { base: { what: 'leads', listId, statuses: ['new'] }, fields: { what: fc.oneof(fc.constantFrom('', 'all', 'LEADS'), wrongType), listId: badId, statuses: badStatusList.filter((v) => !(Array.isArray(v) && v.length === 0)) }, readOnly: true },
    'dnc/check': { base: { phone: '2125550100' }, fields: { phone: badPhone }, readOnly: true },
    'dnc/add': { base: { phone: '2125550100' }, fields: { phone: badPhone }, readOnly: false },
    'dnc/remove': { base: { phone: '2125550100', reason: 'asked again' }, fields: { phone: badPhone, reason: fc.oneof(fc.constantFrom('', '  ', 'ab'), hugeString, wrongType) }, readOnly: false },
    'dnc/import': { base: { fileId: NO_FILE }, fields: { fileId: badOpId }, readOnly: false },
    'dnc/changes': { base: { limit: 10 }, fields: { limit: badLimit }, readOnly: true },
    ...reportCases(listId, campaignId),
  };
}

/** The report channels (issue 18): read-only; a bad id, a bad date, a period that ends before it starts. */
function reportCases(listId: number, campaignId: number): Pick<Record<Channel, ChannelCase>, `reports/${string}` & Channel> {
  const badDate = fc.oneof(fc.constantFrom(...BAD_DATES), wrongType.filter((v) => v !== undefined));
  const penetration = { base: { listId }, fields: { listId: badId, now: badDate }, readOnly: true };
  const activity = {
    base: { campaignId, from: '2026-11-24T00:00:00Z', to: '2026-11-24T12:00:00Z' },
    fields: { campaignId: badId, from: fc.oneof(badDate, fc.constant('2026-11-25T00:00:00Z')), to: fc.oneof(badDate, fc.constant('2026-11-23T00:00:00Z')) },
    readOnly: true,
  };
  return {
    'reports/penetration': penetration,
    'reports/penetration-csv': penetration,
    'reports/activity': activity,
    'reports/activity-csv': activity,
    'reports/live': { base: {}, fields: {}, readOnly: true },
  };
}

/** `generic`: a random value that may happen to be valid (the fuzzer skips those on writing channels). */
export type Mutation = { kind: 'field'; field: string; value: unknown; generic: boolean } | { kind: 'extra-key'; key: string; value: unknown } | { kind: 'whole'; value: unknown };

/** One hostile request for a channel, described so a failure reads well. */
export function mutations(c: ChannelCase): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('extra-key' as const), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'sql', "'; drop table leads; --", 'listId ', ''), fc.string({ minLength: 1, maxLength: 20 })), value: anyValue }),
    fc.record({ kind: fc.constant('whole' as const), value: anyValue.filter((v) => v !== null && v !== undefined && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)) }),
  ];
  const fields = Object.entries(c.fields);
  if (fields.length > 0) {
    options.push(
      fc.constantFrom(...fields).chain(([field, arb]) => arb.map((value) => ({ kind: 'field' as const, field, value, generic: false }))),
      fc.constantFrom(...fields).chain(([field]) => anyValue.map((value) => ({ kind: 'field' as const, field, value, generic: true }))),
    );
  }
  return fc.oneof(...options);
}

/** The request as it arrives after JSON (browser mode) or structured clone (Electron). */
export function applyMutation(base: Record<string, unknown>, m: Mutation): unknown {
  if (m.kind === 'whole') return m.value;
  const out: Record<string, unknown> = { ...base };
  // Own properties, even for "__proto__", as JSON.parse makes them.
  Object.defineProperty(out, m.kind === 'field' ? m.field : m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
  return out;
}

export function describeMutation(m: Mutation): string {
  const v = (x: unknown) => {
    const s = typeof x === 'string' ? JSON.stringify(x) : typeof x === 'number' ? String(x) : JSON.stringify(x) ?? String(x);
    return s.length > 80 ? `${s.slice(0, 80)}…(${s.length})` : s;
  };
  if (m.kind === 'whole') return `whole input = ${v(m.value)}`;
  if (m.kind === 'field') return `${m.field} = ${v(m.value)}`;
  return `extra key ${JSON.stringify(m.key)} = ${v(m.value)}`;
}
