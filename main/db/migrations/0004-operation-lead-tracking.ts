// A fix also repairs answered_count, last_dial_attempt and dial_result; to undo a fix completely
// (and to tell whether its leads changed since) those are recorded too. Recycle rows leave them
// NULL with tracks_dialing = 0, and an undo then keeps the lead's current values.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

export async function up(db: Kysely<any>, d: Dialect): Promise<void> {
  const columns: [string, string][] = [
    ['tracks_dialing', 'integer'],
    ['old_answered_count', 'integer'],
    ['new_answered_count', 'integer'],
    ['old_last_dial_attempt', d.timestampType],
    ['new_last_dial_attempt', d.timestampType],
    ['old_dial_result', 'text'],
    ['new_dial_result', 'text'],
  ];
  for (const [name, type] of columns) {
    await db.schema
      .alterTable('operation_leads')
      .addColumn(name, type as 'text', (c) => (name === 'tracks_dialing' ? c.notNull().defaultTo(0) : c))
      .execute();
  }
}
