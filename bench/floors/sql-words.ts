// SQL CASE expressions for the floors, spelled out for the closed vocabulary of the bench dataset
// (its stored statuses and hangup causes). The words are read through the catalogue once here,
// so a floor gives the same answer as the services on this data; the bench checks that it does.
import { sql, type RawBuilder } from 'kysely';
import { ANSWERED_RESULTS, FINAL_STATUSES, STATUSES, classifyHangupCause, readStatus } from '../../shared/catalogue';
import { BENCH_ALIASES, BENCH_HANGUP_CAUSES } from '../dataset';

/** The catalogue status a stored word stands for (NULL when blank or unknown). */
export function normSql(col: RawBuilder<unknown>): RawBuilder<string | null> {
  const aliases = BENCH_ALIASES.map((w) => sql`when ${col} = ${w} then ${readStatus(w).status}`);
  return sql`(case when ${col} in (${sql.join([...STATUSES])}) then ${col} ${sql.join(aliases, sql` `)} else null end)`;
}

/** A call's result after classification: a catalogue word other than `new`, else its hangup cause. */
export function callResultSql(result: RawBuilder<unknown>, cause: RawBuilder<unknown>): RawBuilder<string> {
  const words = STATUSES.filter((s) => s !== 'new');
  const causes = BENCH_HANGUP_CAUSES.map((c) => sql`when ${cause} = ${c} then ${classifyHangupCause(c)}`);
  return sql`(case when ${result} in (${sql.join(words)}) then ${result} ${sql.join(causes, sql` `)} else 'failed' end)`;
}

export const answeredList = () => sql.join([...ANSWERED_RESULTS]);
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
