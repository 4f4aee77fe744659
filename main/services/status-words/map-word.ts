// Mapping an unknown status word (domain.md "Status words a person resolves"): the leads of one
// list, or of every list, whose stored status is that word (trimmed, case ignored) move to a
// catalogue status as ONE operation (kind `map`): one write transaction, undo rows for every
// lead it moves (so `undo` takes them back while they are unchanged), one audit row each with
// source `manual`, the OS user and the mapping as reason; optionally the word is saved as an
// alias in the same transaction. A dry run counts exactly the leads a map would move.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { STATUSES, statusKey, type Status } from '../../../shared/catalogue';
import { notFound } from '../../../shared/errors';
import type { MapStatusRequest, MapStatusResult } from '../../../shared/types/leads';
import { writeTransaction, type Db, type Dialect } from '../../db/dialect';
import { forLongWork } from '../../db/query/long-work';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { beginOperation, finishOperation } from '../operations/operation-log';
import { recordOperationLeadsFrom } from '../operations/operation-leads';
import { BATCH, lastLeadAfter, operationLeadIds, operationRowsIn, textValue, timestampValue, type IdRange } from '../operations/operation-ranges';
import { aliasWord, catalogueStatus, saveAlias } from './alias-book';

interface MapRun {
  trx: Db;
  dialect: Dialect;
  listId: number | null;
  words: string[];
  to: Status;
  operationId: string;
  nowIso: string;
  reason: string;
  user: string;
}

/** The stored spellings of the word in scope, with their counts (one GROUP BY of non-catalogue words). */
async function spellingsOf(db: Db, key: string, listId: number | null): Promise<{ status: string; count: number }[]> {
  let q = db
    .selectFrom('leads')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'is not', null)
    .where('status', 'not in', [...STATUSES]);
  if (listId !== null) q = q.where('list_id', '=', listId);
  const rows = await q.groupBy('status').execute();
  return rows
    .filter((r) => statusKey(r.status!) === key)
    .map((r) => ({ status: r.status!, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
}

function inScope(run: Pick<MapRun, 'listId' | 'words'>) {
  const list = run.listId === null ? sql`` : sql` and leads.list_id = ${run.listId}`;
  return sql<boolean>`leads.status in (${sql.join(run.words)})${list}`;
}

/** Records the next BATCH leads that move as undo rows (locked on PostgreSQL); returns how many. */
async function recordNextRange(run: MapRun, after: number): Promise<number> {
  const now = timestampValue(run.dialect, run.nowIso);
  let leads = run.trx
    .selectFrom('leads')
    .select([
      textValue(run.operationId).as('operation_id'),
      'leads.id',
      'leads.status',
      textValue(run.to).as('new_status'),
      'leads.dial_attempts',
      'leads.dial_attempts as new_dial_attempts',
      'leads.attempts_reset_at',
      'leads.attempts_reset_at as new_attempts_reset_at',
      'leads.last_status_change',
      now.as('new_last_status_change'),
    ])
    .where(inScope(run))
    .where('leads.id', '>', after)
    .orderBy('leads.id')
    .limit(BATCH);
  leads = run.dialect.forUpdate(leads);
  return recordOperationLeadsFrom(run.trx, leads);
}

async function moveRange(run: MapRun, range: IdRange): Promise<void> {
  const { trx, dialect, operationId } = run;
  await trx
    .insertInto('lead_status_audit')
    .columns(['lead_id', 'old_status', 'new_status', 'source', 'operation_id', 'reason', 'created_at', 'changed_by'])
    .expression(
      trx
        .selectFrom('operation_leads')
        .select([
          'operation_leads.lead_id',
          'operation_leads.old_status',
          'operation_leads.new_status',
          textValue('manual').as('source'),
          'operation_leads.operation_id',
          textValue(run.reason).as('reason'),
          timestampValue(dialect, run.nowIso).as('created_at'),
          textValue(run.user).as('changed_by'),
        ])
        .where(operationRowsIn(operationId, range))
        .orderBy('operation_leads.lead_id'),
    )
    .execute();
  await trx
    .updateTable('leads')
    .set({ status: run.to, last_status_change: run.nowIso })
    .where('leads.id', '>', range.after)
    .where('leads.id', '<=', range.last)
    .where('leads.id', 'in', operationLeadIds(trx, operationId, range))
    .execute();
}

export async function mapStatusWord(handle: DbHandle, clock: Clock, request: MapStatusRequest, user: string): Promise<MapStatusResult> {
  const key = aliasWord(request.from);
  const to = catalogueStatus(request.to);
  const listId = request.listId ?? null;
  const { db, dialect } = handle;
  if (listId !== null && !(await db.selectFrom('lead_lists').select('id').where('id', '=', listId).executeTakeFirst())) throw notFound(`List ${listId}`);
  const result = (words: { status: string; count: number }[], operationId: string | null, saved: boolean, dryRun: boolean): MapStatusResult => ({
    from: key,
    to,
    list_id: listId,
    changed: words.reduce((n, w) => n + w.count, 0),
    words,
    operation_id: operationId,
    alias_saved: saved,
    dry_run: dryRun,
  });
  if (request.dryRun) return result(await spellingsOf(db, key, listId), null, false, true);

  const nowIso = clock().toISOString();
  const operationId = randomUUID();
  return writeTransaction(forLongWork(handle), dialect, async (trx) => {
    const words = await spellingsOf(trx, key, listId);
    const campaign = listId === null ? undefined : await trx.selectFrom('lead_lists').select('campaign_id').where('id', '=', listId).executeTakeFirst();
    await beginOperation(trx, {
      id: operationId,
      kind: 'map',
      listId,
      campaignId: campaign?.campaign_id ?? null,
      params: { from: key, to, words: words.map((w) => w.status), save_alias: Boolean(request.saveAlias), by: user },
      startedAt: nowIso,
    });
    const run: MapRun = { trx, dialect, listId, words: words.map((w) => w.status), to, operationId, nowIso, reason: `mapped "${key}" to ${to}`, user };
    let moved = 0;
    if (run.words.length > 0) {
      for (let after = 0; ; ) {
        const recorded = await recordNextRange(run, after);
        if (recorded === 0) break;
        const range = { after, last: (await lastLeadAfter(trx, operationId, after))! };
        await moveRange(run, range);
        moved += recorded;
        if (recorded < BATCH) break;
        after = range.last;
      }
    }
    if (request.saveAlias) await saveAlias(trx, key, to, user, nowIso);
    await finishOperation(trx, operationId, { changed: moved }, clock().toISOString());
    return { ...result(words, operationId, Boolean(request.saveAlias), false), changed: moved };
  });
}
