// Helpers for the hopper tests: read the hopper, add DNC numbers, build the service at a time.
import type { DbHandle } from '../../main/db/open-database';
import { fixedClock } from '../../main/db/time';
import { createDialPath } from '../../main/services/create-services';
import type { HopperService } from '../../main/services/hopper/hopper-service';

/** 2026-11-24 12:00 UTC: inside the default 09:00–21:00 window of a UTC campaign. */
export const NOON = '2026-11-24T12:00:00.000Z';

export function hopperAt(h: DbHandle, iso: string = NOON, staleMinutes?: number): HopperService {
  return createDialPath(h, fixedClock(iso), { staleMinutes }).hopper;
}

export function minutesBefore(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) - minutes * 60_000).toISOString();
}

export async function hopperRows(h: DbHandle) {
  return h.db.selectFrom('dialer_hopper').selectAll().orderBy('id').execute();
}

export async function hopperLeadIds(h: DbHandle): Promise<number[]> {
  return (await hopperRows(h)).map((r) => r.lead_id);
}

export async function addDnc(h: DbHandle, phone: string): Promise<void> {
  await h.db.insertInto('dnc_numbers').values({ phone } as never).execute();
}

export async function queueRow(h: DbHandle, campaignId: number, leadId: number, extra: { state?: 'queued' | 'dialing'; claimed_at?: string | null; added_at?: string; priority?: number } = {}) {
  await h.db
    .insertInto('dialer_hopper')
    .values({ campaign_id: campaignId, lead_id: leadId, state: extra.state ?? 'queued', claimed_at: extra.claimed_at ?? null, added_at: extra.added_at ?? NOON, priority: extra.priority ?? 0 })
    .execute();
}
