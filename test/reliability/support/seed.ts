// A small database with something of everything (statuses of every category, NULL and unknown
// words, calls applied and not, a DNC phone, hopper rows, an undoable recycle, job history), so
// that a hostile request that slipped through would have rows to damage.
import type { DbHandle } from '../../../main/db/open-database';
import { fixedClock } from '../../../main/db/time';
import { createServices } from '../../../main/services/create-services';
import { at, makeCall, makeCampaign, makeLead, makeList } from '../../support/fixtures';

export interface Seeded {
  campaignId: number;
  listId: number;
  otherListId: number;
  leadIds: number[];
  operationId: string;
}

export const SEED_NOW = at(12);

export async function seedSmall(h: DbHandle): Promise<Seeded> {
  const campaignId = await makeCampaign(h, 'Fuzz', { timezone: 'UTC' });
  const listId = await makeList(h, campaignId, 'Main');
  const otherListId = await makeList(h, campaignId, 'Other', false);
  const leadIds: number[] = [];
  const statuses = ['new', 'no_answer', 'busy', 'dropped', 'voicemail', 'contacted', 'callback', 'sale', 'dnc', null, '', ' NA ', 'weird'];
  for (const [i, status] of statuses.entries()) {
    leadIds.push(await makeLead(h, i % 4 === 3 ? otherListId : listId, { status, dial_attempts: i % 3, last_dial_attempt: i % 3 ? at(8) : null, last_status_change: at(8) }));
  }
  await makeCall(h, leadIds[1], at(9), 'no_answer');
  await makeCall(h, leadIds[2], at(9), null, { hangup_cause: '486' });
  await makeCall(h, leadIds[5], at(9), 'sale', { synced: at(10) });
  await h.db.insertInto('dnc_numbers').values({ phone: '+15550001111' }).execute();
  const services = createServices(h, fixedClock(new Date(SEED_NOW)));
  await services.hopper.fill(campaignId, { target: 3 });
  const op = await services.recycling.recycle({ listId, statuses: ['busy'], targetStatus: 'new', resetDialCount: false });
  return { campaignId, listId, otherListId, leadIds, operationId: op.operation_id };
}
