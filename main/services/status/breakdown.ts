// The per-list status breakdown of the recycling screen: every stored status word, NULL and
// unknown words included, with its count, share and category. One GROUP BY on the
// (list_id, status) index.
import { categoryOfStored, readStatus, type SavedAliases, type StatusCategory } from '../../../shared/catalogue';
import type { ListBreakdown, StatusCount } from '../../../shared/types/status';
import { notFound } from '../../../shared/errors';
import type { Db } from '../../db/dialect';

export type { ListBreakdown, StatusCount };

export async function listBreakdown(db: Db, listId: number, saved?: SavedAliases): Promise<ListBreakdown> {
  const list = await db.selectFrom('lead_lists').select('id').where('id', '=', listId).executeTakeFirst();
  if (!list) throw notFound(`List ${listId}`);
  const rows = await db
    .selectFrom('leads')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('list_id', '=', listId)
    .groupBy('status')
    .execute();
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  const statuses = rows
    .map((r) => ({
      status: r.status,
      count: Number(r.n),
      share: total === 0 ? 0 : Math.round((Number(r.n) / total) * 1e6) / 1e6,
      category: categoryOfStored(r.status),
      ...savedAliasOf(r.status, saved),
    }))
    .sort((a, b) => b.count - a.count || String(a.status).localeCompare(String(b.status)));
  const sumOf = (category: StatusCategory) => statuses.filter((s) => s.category === category).reduce((n, s) => n + s.count, 0);
  return { list_id: listId, total, statuses, recyclable: sumOf('recyclable'), problematic: sumOf('problematic') };
}

/** A word that reads as a catalogue status only through a saved alias says which. */
function savedAliasOf(stored: string | null, saved: SavedAliases | undefined): { saved_alias?: StatusCount['saved_alias'] } {
  if (!saved || saved.size === 0 || readStatus(stored).form !== 'unknown') return {};
  const status = readStatus(stored, saved).status;
  return status ? { saved_alias: status } : {};
}
