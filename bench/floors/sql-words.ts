// SQL CASE expressions for the floors, spelled out for the closed vocabulary of a bench dataset
// (its stored statuses, call results and hangup causes). The words are read through the catalogue
// once here, so a floor gives the same answer as the services on that data; the bench checks that
// it does. The uniform dataset (dataset.ts) and the DELHI profile (the demo's generator,
// delhi-profile.ts) each name their words.
import { sql, type RawBuilder } from 'kysely';
import { ANSWERED_RESULTS, FINAL_STATUSES, STATUSES, classifyHangupCause, readStatus } from '../../shared/catalogue';
import { BENCH_ALIASES, BENCH_HANGUP_CAUSES } from '../dataset';

/** The words a dataset stores besides catalogue words: aliases (statuses and call results) and hangup causes. */
export interface Vocabulary {
  aliases: readonly string[];
  causes: readonly string[];
  /** Only the campaign's leads (the report and fix of one campaign); all leads when absent. */
  campaignId?: number;
}

export const UNIFORM_VOCABULARY: Vocabulary = { aliases: BENCH_ALIASES, causes: BENCH_HANGUP_CAUSES };

/** The catalogue status a stored word stands for (NULL when blank or unknown). */
export function normSql(col: RawBuilder<unknown>, v: Vocabulary = UNIFORM_VOCABULARY): RawBuilder<string | null> {
  const aliases = v.aliases.map((w) => sql`when ${col} = ${w} then ${readStatus(w).status}`);
  return sql`(case when ${col} in (${sql.join([...STATUSES])}) then ${col} ${sql.join(aliases, sql` `)} else null end)`;
}

/** A call's result after classification: its status unless blank, unknown or `new`, else its hangup cause's. */
export function callResultSql(result: RawBuilder<unknown>, cause: RawBuilder<unknown>, v: Vocabulary = UNIFORM_VOCABULARY): RawBuilder<string> {
  const words = STATUSES.filter((s) => s !== 'new');
  const aliases = v.aliases.filter((w) => readStatus(w).status && readStatus(w).status !== 'new').map((w) => sql`when ${result} = ${w} then ${readStatus(w).status}`);
  const causes = v.causes.map((c) => sql`when ${cause} = ${c} then ${classifyHangupCause(c)}`);
  return sql`(case when ${result} in (${sql.join(words)}) then ${result} ${sql.join([...aliases, ...causes], sql` `)} else 'failed' end)`;
}

/** Every spelling (catalogue word or alias) of an answered result. */
export const answeredList = (v: Vocabulary = UNIFORM_VOCABULARY) =>
  sql.join([...ANSWERED_RESULTS, ...v.aliases.filter((w) => ANSWERED_RESULTS.has(readStatus(w).status!))]);
export const finalList = () => sql.join([...FINAL_STATUSES]);
export const statusList = () => sql.join([...STATUSES]);

/** The later of two timestamps, NULL-safe. */
export function laterSql(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(case when ${a} is null then ${b} when ${b} is null then ${a} when ${b} > ${a} then ${b} else ${a} end)`;
}

/** The transition rule: `from` (normalised) may move to `to`. */
export function mayChangeSql(from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql`(${from} is null or (${from} <> 'dnc' and (${from} not in (${finalList()}) or ${to} = 'dnc')))`;
}
