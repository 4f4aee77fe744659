// A list's leads in id order: the problem scan of one list (the recycling screen's banner, a fix
// of a list) cuts the list into id ranges with `list_id = ? and id > ? order by id limit 1 offset
// n`. With only the (list_id, status, …) indexes, both databases read every lead of the list and
// sorted them for each range: 285 ms a range on a 186k-lead list, 75 ranges, where the whole
// table's report took less (docs/performance.md, "One list's problem scan"). Updates by the
// dialer never touch it (neither column changes); imports add one entry per lead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('leads_list_id').ifNotExists().on('leads').columns(['list_id', 'id']).execute();
}
