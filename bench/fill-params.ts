// What the fill and explain floors of a campaign need, read as the hopper reads it: one place for
// the uniform lines (operations.ts), the DELHI profile and the report lines.
import type { DbHandle } from '../main/db/open-database';
import { loadCampaignContext } from '../main/services/hopper/campaign-context';
import type { FillFloorParams } from './floors/simple-floors';

export async function fillParamsAt(h: DbHandle, campaignId: number, need: number, clock: () => Date): Promise<FillFloorParams> {
  const ctx = await loadCampaignContext(h.db, h.dialect, campaignId, clock());
  return {
    campaignId,
    listIds: ctx.activeListIds,
    dialable: ctx.dialable,
    maxAttempts: ctx.maxAttempts,
    retryCutoff: ctx.retryCutoff,
    droppedCutoff: ctx.droppedCutoff,
    campaignTz: ctx.campaignTimezone,
    openTimezones: ctx.openTimezones,
    need,
    nowIso: clock().toISOString(),
  };
}
