// A lead's callbacks (domain.md "Callbacks"), for its story: every one it has had, latest due
// first, read from issue 15's `callbacks` table. Scheduling and cancelling are the callbacks
// service's (main/services/callbacks/); this only reads.
import type { LeadCallback } from '../../../shared/types/leads';
import type { Db } from '../../db/dialect';
import { STORY_MAX_ROWS } from './story-limits';

export async function leadCallbacks(db: Db, leadId: number): Promise<LeadCallback[]> {
  const rows = await db
    .selectFrom('callbacks')
    .select(['id', 'due_at', 'scope', 'agent', 'state', 'note', 'created_at'])
    .where('lead_id', '=', leadId)
    .orderBy('due_at', 'desc')
    .orderBy('id', 'desc')
    .limit(STORY_MAX_ROWS)
    .execute();
  // PostgreSQL hands timestamptz back as Date, SQLite as ISO text: the story says ISO either way.
  return rows.map((r) => ({ ...r, id: Number(r.id), due_at: new Date(r.due_at).toISOString(), created_at: new Date(r.created_at).toISOString() }));
}
