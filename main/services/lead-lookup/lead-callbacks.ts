// A lead's callbacks (domain.md "Callbacks"). The `callbacks` table arrives with the campaign
// rules (issue 15); until it exists in this build, a lead has none. This is the one place the
// story reads them from: the day the table exists, it reads
//   select id, due_at, scope, agent, state, note, created_at from callbacks
//   where lead_id = ? order by due_at desc
import type { LeadCallback } from '../../../shared/types/leads';
import type { Db } from '../../db/dialect';

export async function leadCallbacks(_db: Db, _leadId: number): Promise<LeadCallback[]> {
  return [];
}
