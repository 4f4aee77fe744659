// The catalogue's readings of stored words (shared/catalogue: readStatus, classifyCallResult,
// classifyHangupCause) as SQL expressions, for the set-based problem classifier
// (problem-sql-plan.ts). Each follows its TypeScript rule character for character: the same
// trimmed characters, ASCII case only, the same spellings (built-in aliases first, then the saved
// ones). test/services/problems/problem-sql-equivalence.test.ts checks them against the
// TypeScript rules over random words, odd spellings and non-ASCII characters included.
import { sql, type RawBuilder } from 'kysely';
import {
  ANSWERED_RESULTS,
  FINAL_STATUSES,
  Q850_NAMES,
  Q850_CLASS,
  SIP_CLASS,
  STATUSES,
  STATUS_TRIM_CHARS,
  builtInAliases,
  type SavedAliases,
  type Status,
} from '../../../shared/catalogue';
import { asciiLower, asciiUpper, trimChars, trimStartChars, type Dialect } from '../../db/dialect';

type Expr = RawBuilder<unknown>;

// Words go as bound values (saved aliases are a person's words), numbers as literals.
const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

/** Every lower-case key (catalogue word, built-in alias, saved alias) per status, in reading order. */
function keysByStatus(saved: SavedAliases | undefined): Map<Status, string[]> {
  const seen = new Set<string>();
  const byStatus = new Map<Status, string[]>();
  const add = (key: string, status: Status) => {
    if (seen.has(key)) return;
    seen.add(key);
    byStatus.set(status, [...(byStatus.get(status) ?? []), key]);
  };
  for (const s of STATUSES) add(s, s);
  for (const [key, s] of builtInAliases()) add(key, s);
  for (const [key, s] of saved ?? []) add(key, s);
  return byStatus;
}

/** The words of a run as SQL: one object per run, built from its saved aliases. */
export class SqlWords {
  private readonly keys: Map<Status, string[]>;

  constructor(
    private readonly dialect: Dialect,
    saved: SavedAliases | undefined,
  ) {
    this.keys = keysByStatus(saved);
  }

  /** A stored word as aliases are keyed (statusKey): surrounding spaces trimmed, ASCII lower case. */
  private key(col: Expr): Expr {
    return asciiLower(this.dialect, trimChars(this.dialect, col, STATUS_TRIM_CHARS));
  }

  /** The catalogue status a stored word stands for (readStatus(...).status): NULL when blank or unknown. */
  norm(col: Expr): RawBuilder<string | null> {
    const k = this.key(col);
    const branches = [...this.keys].map(([status, keys]) => sql`when ${k} in (${list(keys)}) then ${status}`);
    return sql`(case when ${col} in (${list(STATUSES)}) then ${col} ${sql.join(branches, sql` `)} else null end)`;
  }

  /**
   * readStatus(...).form as one letter: c(atalogue), a(lias), b(lank), u(nknown). `norm` is the
   * word's norm() already computed (a column of an earlier step), so that it is read once.
   */
  form(col: Expr, norm: Expr): RawBuilder<string> {
    return sql`(case when ${col} is null then 'b' when ${norm} is null then (case when ${trimChars(this.dialect, col, STATUS_TRIM_CHARS)} = '' then 'b' else 'u' end)
      when ${norm} = ${col} then 'c' else 'a' end)`;
  }

  /** 1 when a call's result counts as answered (isAnswered(classifyCallResult(...))), else 0. A hangup cause never does. */
  answered(result: Expr): RawBuilder<number> {
    const answered = [...ANSWERED_RESULTS];
    const keys = answered.flatMap((s) => this.keys.get(s) ?? []);
    return sql`(case when ${result} in (${list(answered)}) then 1 when ${result} in (${list(STATUSES)}) then 0
      when ${this.key(result)} in (${list(keys)}) then 1 else 0 end)`;
  }

  /** classifyCallResult(result, cause, saved): the result's status unless blank, unknown or `new`; else the cause's class. */
  callResult(result: Expr, cause: Expr): RawBuilder<string> {
    const n = this.norm(result);
    return sql`(case when ${n} is not null and ${n} <> 'new' then ${n} else ${hangupClass(this.dialect, cause)} end)`;
  }

  /** callMayChangeStatus(from, to) over a normalised `from` (NULL: blank or unknown). */
  mayChange(from: Expr, to: Expr): RawBuilder<boolean> {
    return sql`(${from} is null or (${from} <> 'dnc' and (${from} not in (${list(FINAL_STATUSES)}) or ${to} = 'dnc')))`;
  }
}

// parseHangupCause: String(raw).trim().toUpperCase(), then a prefixed code, a bare code or a
// Q.850 name. JavaScript's trim() and \s take these characters:
const JS_SPACES = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const SEPARATORS = `${JS_SPACES}:/_-`;
// ...and toUpperCase() turns these non-ASCII letters into ASCII ones (every other non-ASCII
// character stays non-ASCII, so no pattern can match it either way).
const UPPER_TO_ASCII: [string, string][] = [
  ['\u00df', 'SS'],
  ['\u0131', 'I'],
  ['\u017f', 'S'],
  ['\ufb00', 'FF'],
  ['\ufb01', 'FI'],
  ['\ufb02', 'FL'],
  ['\ufb03', 'FFI'],
  ['\ufb04', 'FFL'],
  ['\ufb05', 'ST'],
  ['\ufb06', 'ST'],
];

/** 1 to 3 ASCII digits, nothing else. */
function isCode(dialect: Dialect, text: Expr): RawBuilder<boolean> {
  return sql`(length(${text}) between 1 and 3 and ${trimChars(dialect, text, '0123456789')} = '')`;
}

function classOf(table: ReadonlyMap<number, Status>, code: Expr): Expr {
  const branches = [...table].map(([c, s]) => sql`when ${sql.lit(c)} then ${s}`);
  return sql`(case ${code} ${sql.join(branches, sql` `)} else 'failed' end)`;
}

/**
 * classifyHangupCause(cause) in SQL: busy, no_answer, congestion, invalid or failed. Every cast to
 * integer sits in a THEN whose WHEN proved the text is 1-3 digits: PostgreSQL may evaluate the
 * operands of an AND in any order, but a CASE's branches only when taken.
 */
export function hangupClass(dialect: Dialect, cause: Expr): RawBuilder<string> {
  let upper: Expr = trimChars(dialect, cause, JS_SPACES);
  for (const [from, to] of UPPER_TO_ASCII) upper = sql`replace(${upper}, ${from}, ${to})`;
  const t = asciiUpper(dialect, upper);
  const after = (prefix: string) => trimStartChars(sql`substr(${t}, ${sql.lit(prefix.length + 1)})`, SEPARATORS);
  const code = (text: Expr) => sql`cast(${text} as integer)`;
  const prefixed = (prefix: string, table: ReadonlyMap<number, Status>) =>
    sql`when substr(${t}, 1, ${sql.lit(prefix.length)}) = ${prefix} and ${isCode(dialect, after(prefix))} then ${classOf(table, code(after(prefix)))}`;
  const names = Object.entries(Q850_NAMES).map(([name, c]) => sql`when ${name} then ${sql.lit(c)}`);
  return sql`(case
    ${prefixed('SIP', SIP_CLASS)}
    ${prefixed('Q850', Q850_CLASS)}
    ${prefixed('Q.850', Q850_CLASS)}
    when ${isCode(dialect, t)} then (case when ${code(t)} <= 127 then ${classOf(Q850_CLASS, code(t))}
      when ${code(t)} between 400 and 699 then ${classOf(SIP_CLASS, code(t))} else 'failed' end)
    else ${classOf(Q850_CLASS, sql`(case ${t} ${sql.join(names, sql` `)} else -1 end)`)} end)`;
}
