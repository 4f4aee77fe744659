// Campaigns with their lists and lead counts, for the console's side navigator.
import type { CampaignSummary } from '../../../shared/types/status';
import { toBool } from '../../db/schema';
import type { DbHandle } from '../../db/open-database';

export async function campaignSummaries(handle: DbHandle): Promise<CampaignSummary[]> {
  const { db } = handle;
  const campaigns = await db.selectFrom('campaigns').select(['id', 'name', 'active', 'timezone']).orderBy('name').orderBy('id').execute();
  const lists = await db.selectFrom('lead_lists').select(['id', 'campaign_id', 'name', 'active']).orderBy('name').orderBy('id').execute();
  const counts = await db
    .selectFrom('leads')
    .select(['list_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('list_id')
    .execute();
  const leadsByList = new Map(counts.map((c) => [c.list_id, Number(c.n)]));
  return campaigns.map((c) => ({
    id: c.id,
    name: c.name,
    active: toBool(c.active),
    timezone: c.timezone,
    lists: lists
      .filter((l) => l.campaign_id === c.id)
      .map((l) => ({ id: l.id, campaign_id: l.campaign_id, name: l.name, active: toBool(l.active), leads: leadsByList.get(l.id) ?? 0 })),
  }));
}

export class CampaignService {
  constructor(readonly handle: DbHandle) {}
  list(): Promise<CampaignSummary[]> {
    return campaignSummaries(this.handle);
  }
}
