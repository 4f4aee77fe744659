// The dropped re-queue (domain.md, applying a call, 7): a `dropped` dial result is a person who
// answered and heard silence, so its lead goes straight back in the hopper at high priority,
// inside the transaction that applies the call. The status service runs it; createServices
// wires it (create-services.ts), so neither service owns the other.
import { sql, type SqlBool } from 'kysely';
import { HIGH_PRIORITY_STATUS } from '../../../shared/catalogue';
import type { Dialect } from '../../db/dialect';
import { compileRecurring, executeRecurring, idsIn } from '../../db/query/batch-params';
import type { DroppedRequeue } from '../calls/call-applier';
import { campaignContextFrom, loadCampaignContext, readCampaignOfLead, type CampaignContext, type CampaignListRow } from './campaign-context';
import { eligibleExcept } from './eligibility';
import { queueSelected, queueSelectedQuery, type SelectedLeads } from './queue-writer';

/**
 * `DroppedRequeue` for the status service: puts the given dropped leads back in the hopper at high
 * priority, inside the applying transaction, when they are still eligible.
 */
export function droppedRequeue(dialect: Dialect): DroppedRequeue {
  const requeue: DroppedRequeue = {
    inTransaction: async (trx, leadIds, now) => {
      if (leadIds.length === 0) return [];
      if (leadIds.length === 1) {
        // A dial result's lead: its campaign, list and timezone in one read, then the insert.
        const one = requeue.batched(trx, dialect, leadIds[0]);
        const statement = one.statement((await trx.executeQuery(one.read)).rows, now);
        return statement ? (await trx.executeQuery(statement)).rows.map((r) => Number(r.lead_id)) : [];
      }
      const queued: number[] = [];
      // The ids as one parameter (batch-params.ts): one statement text, named on PostgreSQL.
      const lookup = trx.selectFrom('leads').innerJoin('lead_lists', 'lead_lists.id', 'leads.list_id').select(['leads.id', 'leads.timezone', 'lead_lists.campaign_id']);
      const { rows } = await executeRecurring(trx, dialect, lookup.where(idsIn(dialect, 'leads.id', leadIds)!));
      const byCampaign = new Map<number, typeof rows>();
      for (const r of rows) byCampaign.set(r.campaign_id, [...(byCampaign.get(r.campaign_id) ?? []), r]);
      for (const [campaignId, leads] of byCampaign) {
        const ctx = await loadCampaignContext(trx, dialect, campaignId, now, leads.map((l) => l.timezone));
        // Its text depends on the campaign's settings and its leads' timezones: not named.
        queued.push(...(await queueSelected(trx, dialect, { ...requeueOf(dialect, ctx, leads.map((l) => l.id), now), recurring: false })));
      }
      return queued;
    },
    batched: (db, dialect, leadId) => ({
      read: readCampaignOfLead.bind(db, dialect, { leadId }),
      statement: (rows, now) => {
        const lead = (rows as (CampaignListRow & { lead_timezone: string | null })[])[0];
        if (!lead) return undefined;
        // The context of this lead alone (its own list, its own timezone): a text that recurs
        // call after call for the leads of one list, named on PostgreSQL.
        const ctx = campaignContextFrom([lead], now, [lead.lead_timezone]);
        return compileRecurring(db, dialect, queueSelectedQuery(requeueOf(dialect, ctx, [leadId], now)));
      },
    }),
  };
  return requeue;
}

/** The dropped re-queue of these leads of one campaign: those still eligible, at high priority. */
function requeueOf(dialect: Dialect, ctx: CampaignContext, leadIds: number[], now: Date): SelectedLeads {
  const where = sql<SqlBool>`${idsIn(dialect, 'leads.id', leadIds)!} and ${eligibleExcept(ctx)}`;
  return { campaignId: ctx.campaignId, status: HIGH_PRIORITY_STATUS, where, now };
}
