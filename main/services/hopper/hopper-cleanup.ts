// Stale hopper rows (docs/domain.md): `dialing` longer than the stale limit (the dialer died), or a
// lead that is no longer eligible for a reason other than timing. Removed, counted per reason.
import { sql } from 'kysely';
import type { CleanupResult } from '../../../shared/types/hopper';
import { chunkForParams, type Db, type Dialect } from '../../db/dialect';
import { loadCampaignContext } from './campaign-context';
import { NON_TIMING_RULES, firstExclusion } from './eligibility';

export async function cleanupStaleRows(trx: Db, dialect: Dialect, now: Date, staleMinutes: number): Promise<CleanupResult> {
  const byReason: Record<string, number> = {};
  const cutoff = new Date(now.getTime() - staleMinutes * 60_000).toISOString();
  // A row a dialer wrote as `dialing` without claimed_at is aged from when it was added.
  const timedOut = await trx
    .deleteFrom('dialer_hopper')
    .where('state', '=', 'dialing')
    .where(sql`coalesce(claimed_at, added_at)`, '<', cutoff)
    .returning('id')
    .execute();
  if (timedOut.length > 0) byReason.dialing_timeout = timedOut.length;

  const campaigns = await trx.selectFrom('dialer_hopper').select('campaign_id').distinct().execute();
  for (const { campaign_id } of campaigns) {
    for (const [reason, n] of Object.entries((await removeIneligibleRows(trx, dialect, campaign_id, now)).by_reason)) byReason[reason] = (byReason[reason] ?? 0) + n;
  }
  return { removed: Object.values(byReason).reduce((a, b) => a + b, 0), by_reason: byReason };
}

/**
 * Removes a campaign's hopper rows whose lead is no longer eligible for a reason other than timing
 * (stale cleanup's second half; also what a campaign change does at once). `dryRun`: only counts.
 */
export async function removeIneligibleRows(trx: Db, dialect: Dialect, campaignId: number, now: Date, dryRun = false): Promise<CleanupResult> {
  // Timing rules are not checked, so no timezone needs evaluating.
  const ctx = await loadCampaignContext(trx, dialect, campaignId, now, []);
  const rows = await trx
    .selectFrom('dialer_hopper')
    .innerJoin('leads', 'leads.id', 'dialer_hopper.lead_id')
    .select(['dialer_hopper.id', firstExclusion(ctx, NON_TIMING_RULES).as('reason')])
    .where('dialer_hopper.campaign_id', '=', campaignId)
    .execute();
  const doomed = rows.filter((r) => r.reason !== null);
  const byReason: Record<string, number> = {};
  for (const r of doomed) byReason[r.reason!] = (byReason[r.reason!] ?? 0) + 1;
  if (!dryRun) {
    for (const chunk of chunkForParams(dialect, doomed.map((r) => r.id), 1)) {
      if (chunk.length > 0) await trx.deleteFrom('dialer_hopper').where('id', 'in', chunk).execute();
    }
  }
  return { removed: doomed.length, by_reason: byReason };
}
