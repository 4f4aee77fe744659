// Export of a list's leads (domain.md "Loading and exporting leads"): all, or some stored
// statuses, as CSV with a header, streamed page by page in id order. Cells that a spreadsheet
// would run as a formula are made inert (audit/csv.ts). The columns an import reads come first,
// so an export loads back as it is.
import type { Writable } from 'node:stream';
import { notFound } from '../../../shared/errors';
import type { Db } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import { inShortTurns } from '../../db/query/long-work';
import { CsvWriter } from './csv-writer';

// 2,000 rows a page: a page is written as CSV in one block of the main thread (and on SQLite read
// in one), about 20 ms; 10,000 on PostgreSQL held it 109 ms. The next page's read overlaps it.
const PAGE = 2000;
export const EXPORT_COLUMNS = ['phone', 'first_name', 'last_name', 'timezone', 'status', 'dial_attempts', 'last_dial_attempt', 'id', 'created_at'] as const;

export interface ExportRequest {
  listId: number;
  /** Stored status words; null stands for NULL. Absent or empty: every lead. */
  statuses?: (string | null)[];
}

function page(db: Db, request: ExportRequest, after: number) {
  let q = db.selectFrom('leads').select(EXPORT_COLUMNS).where('list_id', '=', request.listId).where('id', '>', after).orderBy('id').limit(PAGE);
  const statuses = request.statuses ?? [];
  if (statuses.length > 0) {
    const words = statuses.filter((s): s is string => s !== null);
    const withNull = statuses.includes(null);
    q = q.where((eb) => eb.or([...(words.length ? [eb('status', 'in', words)] : []), ...(withNull ? [eb('status', 'is', null)] : [])]));
  }
  return q.execute();
}

/** Writes the CSV to `out` (left open); returns how many leads it wrote. */
export async function exportLeads(handle: DbHandle, request: ExportRequest, out: Writable): Promise<{ rows: number }> {
  // A turn of the event loop after each page's read (SQLite): a sink that never asks for a pause
  // (a fast disk, a pipe that keeps up) made the 400,000-lead export one 2.8 s block of the main thread.
  const db = inShortTurns(handle);
  const list = await db.selectFrom('lead_lists').select('id').where('id', '=', request.listId).executeTakeFirst();
  if (!list) throw notFound(`List ${request.listId}`);
  const writer = new CsvWriter(out);
  await writer.write([EXPORT_COLUMNS]);
  let next = page(db, request, 0);
  for (;;) {
    const rows = await next;
    const more = rows.length === PAGE;
    // The next page is read while this one is written (PostgreSQL: the database and the CSV at once).
    if (more) {
      next = page(db, request, rows[rows.length - 1].id);
      // Awaited below; if writing this page fails first, its failure must not go unhandled.
      next.catch(() => undefined);
    }
    await writer.writeRows(rows.map((r) => EXPORT_COLUMNS.map((c) => r[c] as string | number | null)));
    if (!more) break;
  }
  return { rows: writer.rows };
}
