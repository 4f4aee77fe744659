// Undo of an import (domain.md): the leads it added go, except those dialed or changed since —
// any attempt, call log, status change or dial in progress keeps a lead, and the undo says how
// many it kept. The leads are found again through the import's audit rows.
import { sql } from 'kysely';
import { idsIn } from '../../db/query/batch-params';
import type { Db, Dialect } from '../../db/dialect';
import type { ProgressListener } from '../recycling/recycle-list';
import { textValue, timestampValue } from '../operations/operation-ranges';

const CHUNK = 2000;

interface ImportOperation {
  id: string;
  list_id: number | null;
}

async function importedIdsAfter(trx: Db, operationId: string, after: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('lead_status_audit')
    .select('lead_id')
    .where('operation_id', '=', operationId)
    .where('source', '=', 'import')
    .where('lead_id', '>', after)
    .orderBy('lead_id')
    .limit(CHUNK)
    .execute();
  return rows.map((r) => Number(r.lead_id));
}

/** Deletes the never-dialed leads among `ids`; returns the ids it deleted. */
async function deleteUntouched(trx: Db, dialect: Dialect, listId: number | null, ids: readonly number[]): Promise<number[]> {
  const rows = await sql<{ id: number }>`delete from leads where ${idsIn(dialect, 'id', ids)!}
      and list_id = ${listId} and status = 'new' and dial_attempts = 0 and answered_count = 0
      and last_dial_attempt is null and last_status_change is null and dial_result is null
      and not exists (select 1 from call_logs where call_logs.lead_id = leads.id)
      and not exists (select 1 from dialer_hopper where dialer_hopper.lead_id = leads.id and dialer_hopper.state = 'dialing')
    returning id`.execute(trx);
  return rows.rows.map((r) => Number(r.id));
}

export async function removeImportedLeads(
  trx: Db,
  dialect: Dialect,
  op: ImportOperation,
  undoId: string,
  nowIso: string,
  onProgress?: ProgressListener,
): Promise<{ removed: number; kept: number }> {
  const total = Number(
    (await trx.selectFrom('lead_status_audit').select((eb) => eb.fn.countAll<number>().as('n')).where('operation_id', '=', op.id).where('source', '=', 'import').executeTakeFirst())?.n ?? 0,
  );
  onProgress?.({ phase: 'undoing', done: 0, total });
  let removed = 0;
  let seen = 0;
  for (let after = 0; ; ) {
    const ids = await importedIdsAfter(trx, op.id, after);
    if (ids.length === 0) break;
    const deleted = await deleteUntouched(trx, dialect, op.list_id, ids);
    const gone = idsIn(dialect, 'lead_id', deleted);
    if (gone) {
      await trx.deleteFrom('dialer_hopper').where(gone).execute();
      await sql`insert into lead_status_audit (lead_id, old_status, new_status, source, operation_id, reason, created_at)
        select lead_id, ${textValue('new')}, ${textValue(null)}, ${textValue('undo')}, ${textValue(undoId)}, ${textValue(`undo of import ${op.id}: lead removed`)}, ${timestampValue(dialect, nowIso)}
        from lead_status_audit where operation_id = ${op.id} and source = 'import' and ${gone}`.execute(trx);
    }
    removed += deleted.length;
    seen += ids.length;
    after = ids[ids.length - 1];
    onProgress?.({ phase: 'undoing', done: seen, total });
  }
  return { removed, kept: seen - removed };
}
