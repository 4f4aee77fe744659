// A lead with its list and campaign, as the search results and the story both show it.
import type { Db } from '../../db/dialect';
import { LEAD_COLUMNS } from '../leads/lead-repository';

export function leadsWithCampaign(db: Db) {
  return db
    .selectFrom('leads')
    .innerJoin('lead_lists', 'lead_lists.id', 'leads.list_id')
    .innerJoin('campaigns', 'campaigns.id', 'lead_lists.campaign_id')
    .select([...LEAD_COLUMNS, 'lead_lists.name as list_name', 'lead_lists.campaign_id', 'campaigns.name as campaign_name', 'leads.first_name', 'leads.last_name', 'leads.created_at']);
}
