// A campaign's recycle rules travel with the campaign's own row (one column, `status:delay:max`
// joined by commas), so that every fill, claim and dropped re-queue reads them in the round trip
// it already makes for the campaign. The aggregate is the one dialect difference.
import { sql, type AliasedRawBuilder } from 'kysely';
import { isStatus, type Status } from '../../../shared/catalogue';
import type { Dialect } from '../../db/dialect';

export interface RecycleRuleOfStatus {
  status: Status;
  delayMinutes: number;
  maxAttempts: number;
  /** A lead of this status dialed at or before this may be dialed again (ISO); set in the context. */
  cutoff?: string;
}

/** The campaign's rules as one text column `recycle_rules` (NULL when it has none). */
export function recycleRulesColumn(dialect: Dialect): AliasedRawBuilder<string | null, 'recycle_rules'> {
  const item = sql`r.status || ':' || r.delay_minutes || ':' || r.max_attempts`;
  const agg = dialect.joinedValues(item, ',');
  return sql<string | null>`(select ${agg} from campaign_recycle_rules r where r.campaign_id = campaigns.id)`.as('recycle_rules');
}

/** The rules from the column; an entry that does not read as a rule is ignored. */
export function parseStoredRules(stored: string | null | undefined): RecycleRuleOfStatus[] {
  if (!stored) return [];
  return stored.split(',').flatMap((item) => {
    const [status, delay, max] = item.split(':');
    const delayMinutes = Number(delay);
    const maxAttempts = Number(max);
    return isStatus(status) && Number.isInteger(delayMinutes) && Number.isInteger(maxAttempts) ? [{ status, delayMinutes, maxAttempts }] : [];
  });
}
