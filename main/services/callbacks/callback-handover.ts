// domain.md "Callbacks": an `agent` callback becomes `anyone` once the campaign's
// `agent_callback_minutes` have passed since its `due_at`. The hopper already treats such a
// callback as anyone's (eligibility.ts, from the same cut-off); this writes it down, at each fill
// of the campaign, so that the lists and the agent's view say the same.
import { sql } from 'kysely';
import type { Db } from '../../db/dialect';

/** Hands over the campaign's agent callbacks due at or before `cutoff`; returns how many. */
export async function handOverAgentCallbacks(db: Db, listIds: readonly number[], cutoff: string | null): Promise<number> {
  if (cutoff === null || listIds.length === 0) return 0;
  const rows = await db
    .updateTable('callbacks')
    .set({ scope: 'anyone' })
    .where('state', '=', 'pending')
    .where('scope', '=', 'agent')
    .where('due_at', '<=', cutoff)
    .where('lead_id', 'in', (eb) => eb.selectFrom('leads').select('leads.id').where(sql.ref('leads.list_id'), 'in', [...listIds]))
    .returning('id')
    .execute();
  return rows.length;
}
