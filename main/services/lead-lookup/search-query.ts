// How a search box's text is read (issue 17, lead search). One rule, pure, for the CLI and the
// console alike:
// - `#123` or `id:123`: that lead id only;
// - text of digits and phone punctuation (+ - . ( ) / spaces) with at least 4 digits: the phone,
//   in any spelling, matched as a suffix of the normalised phone (the whole number is a suffix of
//   itself); plain digits short enough to be an id are also tried as an id;
// - 1-3 plain digits: an id;
// - anything else: a name, by prefix, case ignored: one word is a prefix of the first or the last
//   name; two words are one name exactly and a prefix of the other, in either order.
import { InputError } from '../../../shared/errors';
import type { LeadMatch } from '../../../shared/types/leads';

export const MIN_PHONE_DIGITS = 4;
export const MIN_NAME_LETTERS = 2;
const MAX_ID = 2_147_483_647;
const MAX_QUERY = 200;

export type NameColumn = 'first_name' | 'last_name';

/** A name condition; words are compared lower case by the database itself (its own lower()). */
export type NameMatcher =
  | { kind: 'prefix'; column: NameColumn; prefix: string }
  | { kind: 'pair'; exactColumn: NameColumn; exact: string; prefixColumn: NameColumn; prefix: string };

export interface SearchPlan {
  id: number | null;
  /** Digits a phone must end with. */
  phoneSuffix: string | null;
  names: NameMatcher[];
  searched: LeadMatch[];
}

const PHONE_TEXT = /^[+\d\s().\-/]+$/;
const ID_TEXT = /^(?:#|id:\s*)(\d+)$/i;

function asId(digits: string): number | null {
  if (!/^\d{1,10}$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 && n <= MAX_ID ? n : null;
}

/** Commas between words ("Smith, John") are spacing. */
function nameWords(text: string): string[] {
  return text
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
}

export function planSearch(raw: string): SearchPlan {
  const text = String(raw ?? '').trim();
  if (text === '') throw new InputError('Type a lead id, a phone number (at least 4 digits) or the start of a name.');
  if (text.length > MAX_QUERY) throw new InputError(`A search is at most ${MAX_QUERY} characters.`);
  const idOnly = ID_TEXT.exec(text);
  if (idOnly) {
    const id = asId(idOnly[1]);
    if (id === null) throw new InputError(`${text} is not a lead id.`);
    return { id, phoneSuffix: null, names: [], searched: ['id'] };
  }
  if (PHONE_TEXT.test(text) && /\d/.test(text)) {
    const digits = text.replace(/\D+/g, '');
    const id = /^\d+$/.test(text) ? asId(digits) : null;
    if (digits.length >= MIN_PHONE_DIGITS) return { id, phoneSuffix: digits, names: [], searched: id === null ? ['phone'] : ['id', 'phone'] };
    if (id !== null) return { id, phoneSuffix: null, names: [], searched: ['id'] };
    throw new InputError(`A phone search needs at least ${MIN_PHONE_DIGITS} digits (got ${digits.length}).`);
  }
  const words = nameWords(text);
  if (words.join('').length < MIN_NAME_LETTERS) throw new InputError(`A name search needs at least ${MIN_NAME_LETTERS} letters.`);
  if (words.length === 1) {
    const prefix = words[0];
    return { id: null, phoneSuffix: null, names: [{ kind: 'prefix', column: 'first_name', prefix }, { kind: 'prefix', column: 'last_name', prefix }], searched: ['name'] };
  }
  const [exact, ...rest] = words;
  const prefix = rest.join(' ');
  return {
    id: null,
    phoneSuffix: null,
    names: [
      { kind: 'pair', exactColumn: 'first_name', exact, prefixColumn: 'last_name', prefix },
      { kind: 'pair', exactColumn: 'last_name', exact, prefixColumn: 'first_name', prefix },
    ],
    searched: ['name'],
  };
}
