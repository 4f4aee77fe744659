// The recyclable leads of a campaign: leads of its lists whose status is one of the campaign's
// `recyclable_statuses`, counted per status, and their ids page by page.
import { isStatus, type Status } from '../../../shared/catalogue';
import { notFound } from '../../../shared/errors';
import type { Db } from '../../db/dialect';

export function parseRecyclableStatuses(stored: string | null | undefined): Status[] {
  return (stored ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(isStatus);
}

export interface RecyclableSummary {
  campaign_id: number;
  statuses: Status[];
  by_status: Record<string, number>;
  total: number;
}

export async function recyclableSummary(db: Db, campaignId: number): Promise<RecyclableSummary> {
  const campaign = await db.selectFrom('campaigns').select(['id', 'recyclable_statuses']).where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  const statuses = parseRecyclableStatuses(campaign.recyclable_statuses);
  const by_status: Record<string, number> = {};
  if (statuses.length > 0) {
    const rows = await db
      .selectFrom('leads')
      .innerJoin('lead_lists', 'lead_lists.id', 'leads.list_id')
      .select(['leads.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('lead_lists.campaign_id', '=', campaignId)
      .where('leads.status', 'in', statuses)
      .groupBy('leads.status')
      .execute();
    for (const r of rows) by_status[r.status ?? 'null'] = Number(r.n);
  }
  return { campaign_id: campaignId, statuses, by_status, total: Object.values(by_status).reduce((a, b) => a + b, 0) };
}

export async function recyclableLeadIds(db: Db, campaignId: number, afterId: number, limit: number): Promise<number[]> {
  const { statuses } = await recyclableSummary(db, campaignId);
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('leads')
    .innerJoin('lead_lists', 'lead_lists.id', 'leads.list_id')
    .select('leads.id')
    .where('lead_lists.campaign_id', '=', campaignId)
    .where('leads.status', 'in', statuses)
    .where('leads.id', '>', afterId)
    .orderBy('leads.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
