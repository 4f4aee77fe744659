// The dialer's call: the next queued rows by priority and age, marked `dialing`. A row whose lead
// may not be called right now (window closed, DNC added, status gone final since it was queued)
// is not handed out: it stays queued until the window opens, or cleanup removes it.
import type { ClaimedLead } from '../../../shared/types/hopper';
import { chunkForParams, type Db, type Dialect } from '../../db/dialect';
import type { CampaignContext } from './campaign-context';
import { eligibleExcept } from './eligibility';
import { selectClaimable } from './hopper-dialect';

export async function claimRows(trx: Db, dialect: Dialect, ctx: CampaignContext, n: number): Promise<ClaimedLead[]> {
  const candidates = await selectClaimable(trx, dialect, ctx.campaignId, n, eligibleExcept(ctx, ['already_queued']));
  if (candidates.length === 0) return [];
  const claimedAt = ctx.now.toISOString();
  const claimed: ClaimedLead[] = [];
  for (const chunk of chunkForParams(dialect, candidates.map((c) => c.id), 1)) {
    const rows = await trx
      .updateTable('dialer_hopper')
      .set({ state: 'dialing', claimed_at: claimedAt })
      .where('id', 'in', chunk)
      .where('state', '=', 'queued')
      .returning(['id', 'lead_id', 'campaign_id', 'priority'])
      .execute();
    const leads = await trx
      .selectFrom('leads')
      .select(['id', 'phone', 'first_name', 'last_name', 'timezone', 'status'])
      .where('id', 'in', rows.length > 0 ? rows.map((r) => r.lead_id) : [-1])
      .execute();
    const byId = new Map(leads.map((l) => [l.id, l]));
    for (const r of rows) {
      const l = byId.get(r.lead_id)!;
      claimed.push({
        hopper_id: r.id,
        lead_id: r.lead_id,
        campaign_id: r.campaign_id,
        phone: l.phone,
        first_name: l.first_name,
        last_name: l.last_name,
        timezone: l.timezone,
        status: l.status,
        priority: r.priority,
        claimed_at: claimedAt,
      });
    }
  }
  // Hand them out in claim order (priority, age), as selected.
  const order = new Map(candidates.map((c, i) => [c.id, i]));
  return claimed.sort((a, b) => order.get(a.hopper_id)! - order.get(b.hopper_id)!);
}
