// "Why is the hopper empty" at a million leads (issue 19, item 1). Explain counts every lead of a
// campaign under the first eligibility rule that excludes it; the rules that decide most leads
// read only the lead's list, status, timezone and dial count (the delay reads the last dial, the
// DNC and hopper rules other tables: few leads, read one by one). leads(list_id, status, timezone,
// dial_attempts) lets both databases count a campaign's leads per such group along one index,
// in index order, without touching the table: a few hundred thousand index entries instead of
// as many table rows (services/hopper/lead-rule-counts.ts, docs/performance.md "Explain at scale").
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('leads_rule_groups').on('leads').columns(['list_id', 'status', 'timezone', 'dial_attempts']).execute();
}
