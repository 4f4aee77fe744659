// The one status catalogue (docs/domain.md "Status catalogue"). Services, CLI and UI all read it
// from here so that a rule about statuses exists in exactly one place.

export const STATUSES = [
  'new',
  'no_answer',
  'busy',
  'failed',
  'dropped',
  'congestion',
  'voicemail',
  'contacted',
  'callback',
  'sale',
  'not_interested',
  'wrong_number',
  'invalid',
  'dnc',
] as const;

export type Status = (typeof STATUSES)[number];

/** `problematic` is not a catalogue category: it is what blank, alias and unknown words are. */
export type StatusCategory = 'fresh' | 'recyclable' | 'worked' | 'final' | 'problematic';

/**
 * The one word a supervisor reads for each category, on every screen and in the CLI's text
 * (the code `fresh` stays in JSON and in the spec; people say "new").
 */
export const CATEGORY_LABEL: Readonly<Record<StatusCategory, string>> = {
  fresh: 'new',
  recyclable: 'recyclable',
  worked: 'worked',
  final: 'final',
  problematic: 'problematic',
};

export const STATUS_CATEGORY: Readonly<Record<Status, Exclude<StatusCategory, 'problematic'>>> = {
  new: 'fresh',
  no_answer: 'recyclable',
  busy: 'recyclable',
  failed: 'recyclable',
  dropped: 'recyclable',
  congestion: 'recyclable',
  voicemail: 'recyclable',
  contacted: 'worked',
  callback: 'worked',
  sale: 'final',
  not_interested: 'final',
  wrong_number: 'final',
  invalid: 'final',
  dnc: 'final',
};

export const STATUS_MEANING: Readonly<Record<Status, string>> = {
  new: 'not dialed since it was loaded or recycled',
  no_answer: 'rang out',
  busy: 'busy signal',
  failed: 'technical failure (no route, SIP error)',
  dropped: 'callee answered, no agent took the call',
  congestion: 'network congestion',
  voicemail: 'answering machine',
  contacted: 'a person talked to an agent; no final outcome yet',
  callback: 'the person asked to be called back',
  sale: 'sale',
  not_interested: 'not interested',
  wrong_number: 'wrong number',
  invalid: 'number disconnected or not valid',
  dnc: 'do not call',
};

export const RECYCLABLE_STATUSES: readonly Status[] = STATUSES.filter(
  (s) => STATUS_CATEGORY[s] === 'recyclable',
);
export const FINAL_STATUSES: readonly Status[] = STATUSES.filter((s) => STATUS_CATEGORY[s] === 'final');

/** Results that add one to `answered_count`. */
export const ANSWERED_RESULTS: ReadonlySet<Status> = new Set<Status>([
  'contacted',
  'callback',
  'sale',
  'not_interested',
  'wrong_number',
  'dnc',
]);

/** Retried before everything else in the hopper. */
export const HIGH_PRIORITY_STATUS: Status = 'dropped';

// Keys are lower case: aliases match with case and surrounding spaces ignored.
const ALIASES: Readonly<Record<string, Status>> = {
  na: 'no_answer',
  n: 'no_answer',
  'no answer': 'no_answer',
  'no-answer': 'no_answer',
  noanswer: 'no_answer',
  b: 'busy',
  ab: 'busy',
  drop: 'dropped',
  pdrop: 'dropped',
  cong: 'congestion',
  aa: 'voicemail',
  am: 'voicemail',
  al: 'voicemail',
  machine: 'voicemail',
  answered: 'contacted',
  a: 'contacted',
  human: 'contacted',
  callbk: 'callback',
  cbhold: 'callback',
  sale: 'sale',
  ni: 'not_interested',
  wn: 'wrong_number',
  wrong: 'wrong_number',
  dc: 'invalid',
  adc: 'invalid',
  disconnected: 'invalid',
  dnc: 'dnc',
  dncl: 'dnc',
  new: 'new',
  fail: 'failed',
  error: 'failed',
};

const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && STATUS_SET.has(value);
}

/**
 * How a stored status word reads against the catalogue:
 * - `catalogue`: exactly a catalogue word;
 * - `alias`: a known alias, or a catalogue word in another case or with spaces around it;
 * - `blank`: NULL, empty or whitespace only;
 * - `unknown`: any other word.
 */
export type StatusForm = 'catalogue' | 'alias' | 'blank' | 'unknown';

export interface StatusReading {
  form: StatusForm;
  /** The catalogue status, for `catalogue` and `alias`; null otherwise. */
  status: Status | null;
}

/**
 * "Surrounding spaces" are these characters, and "case" is ASCII case: the same rule the SQL
 * problem classifier applies (main/services/problems/problem-sql-words.ts: trim with these
 * characters, the dialect's asciiLower), so both read a word alike.
 */
export const STATUS_TRIM_CHARS = ' \t\r\n';
const SURROUNDING = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/**
 * Words a person mapped to catalogue statuses (the `status_aliases` table), keyed by `statusKey`.
 * They read exactly as the built-in aliases do, after them (a built-in alias cannot be changed).
 */
export type SavedAliases = ReadonlyMap<string, Status>;

/** A word as aliases are keyed: surrounding spaces trimmed, ASCII lower case. */
export function statusKey(word: string): string {
  return asciiLower(word.replace(SURROUNDING, ''));
}

/** The catalogue word or built-in alias a key is, if any: these can never be saved as aliases. */
export function builtInStatusOf(key: string): Status | null {
  if (STATUS_SET.has(key)) return key as Status;
  return Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key] : null;
}

/** Every built-in alias (lower case) with the status it stands for. */
export function builtInAliases(): [string, Status][] {
  return Object.entries(ALIASES);
}

export function readStatus(stored: string | null | undefined, saved?: SavedAliases): StatusReading {
  if (stored === null || stored === undefined) return { form: 'blank', status: null };
  if (STATUS_SET.has(stored)) return { form: 'catalogue', status: stored as Status };
  const key = statusKey(stored);
  if (key === '') return { form: 'blank', status: null };
  if (STATUS_SET.has(key)) return { form: 'alias', status: key as Status };
  const alias = Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key] : saved?.get(key);
  if (alias) return { form: 'alias', status: alias };
  return { form: 'unknown', status: null };
}

/** The catalogue status a stored word stands for, or null (blank or unknown). */
export function normaliseStatus(stored: string | null | undefined, saved?: SavedAliases): Status | null {
  return readStatus(stored, saved).status;
}

/** The category shown for a stored word: only exact catalogue words take their own category. */
export function categoryOfStored(stored: string | null | undefined): StatusCategory {
  const reading = readStatus(stored);
  return reading.form === 'catalogue' && reading.status ? STATUS_CATEGORY[reading.status] : 'problematic';
}

export function isFinal(status: Status | null): boolean {
  return status !== null && STATUS_CATEGORY[status] === 'final';
}

export function isAnswered(status: Status): boolean {
  return ANSWERED_RESULTS.has(status);
}
