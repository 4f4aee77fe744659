// The operations log: every fix, recycle, reconcile and undo begins a `running` row, records the
// leads it changes (operation-leads.ts), and finishes `done` or `failed`; an undo marks the one it
// undid `undone`; one whose process died is marked `interrupted` (operation-recovery.ts). One module
// writes these rows, so every kind of run is logged the same way. A `running` row has a lease
// naming its process (operation-leases.ts), taken before it and released when it ends.
import { UNDOABLE_KINDS, type OperationKind, type OperationState } from '../../../shared/types/operations';
import type { Db, Dialect } from '../../db/dialect';
import type { Timestamp } from '../../db/schema';
import { releaseOperationLease, takeOperationLease } from './operation-leases';

/** What a run says of itself when it begins. */
export interface OperationStart {
  id: string;
  kind: OperationKind;
  listId: number | null;
  campaignId: number | null;
  /** The request (statuses, target, mode...), stored as JSON. */
  params: unknown;
  /** For an undo: the operation it undoes. */
  undoes?: string | null;
  startedAt: Timestamp;
}

/** The row as the undo reads it. */
export interface OperationRow {
  id: string;
  kind: OperationKind;
  list_id: number | null;
  state: OperationState;
  started_at: Timestamp;
}

const ROW = ['id', 'kind', 'list_id', 'state', 'started_at'] as const;
/** Ended with its committed part recorded: what an undo may take back. */
const FINISHED = ['done', 'failed', 'interrupted'] as const;

/** Logs a run as `running`. */
export async function beginOperation(db: Db, start: OperationStart): Promise<void> {
  // The lease first: a `running` row without one reads as its process having died.
  await takeOperationLease(db, start.id);
  await db
    .insertInto('operations')
    .values({
      id: start.id,
      kind: start.kind,
      list_id: start.listId,
      campaign_id: start.campaignId,
      state: 'running',
      params: JSON.stringify(start.params),
      summary: null,
      undoes: start.undoes ?? null,
      started_at: start.startedAt,
      finished_at: null,
    })
    .execute();
}

/** Logs the end of a run, `done`, with its outcome counts (stored as JSON). */
export function finishOperation(db: Db, id: string, summary: unknown, finishedAt: Timestamp): Promise<void> {
  return endOperation(db, id, 'done', summary, finishedAt);
}

/** Logs the end of a run that failed or stopped part-way: what it committed stays recorded. */
export function failOperation(db: Db, id: string, summary: unknown, finishedAt: Timestamp): Promise<void> {
  return endOperation(db, id, 'failed', summary, finishedAt);
}

async function endOperation(db: Db, id: string, state: 'done' | 'failed', summary: unknown, finishedAt: Timestamp): Promise<void> {
  await db.updateTable('operations').set({ state, finished_at: finishedAt, summary: JSON.stringify(summary) }).where('id', '=', id).execute();
  await releaseOperationLease(db, id);
}

/**
 * Marks a `running` operation whose process died `interrupted`, with how many leads its committed
 * part changed; false when it was no longer running (it ended, or another start marked it).
 */
export async function markInterrupted(db: Db, id: string, changed: number, at: Timestamp): Promise<boolean> {
  const result = await db
    .updateTable('operations')
    .set({ state: 'interrupted', finished_at: at, summary: JSON.stringify({ interrupted: true, changed }) })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .executeTakeFirst();
  await releaseOperationLease(db, id);
  return Number(result.numUpdatedRows) > 0;
}

/** Marks an operation undone (in the undo's transaction). */
export async function markUndone(db: Db, id: string): Promise<void> {
  await db.updateTable('operations').set({ state: 'undone' }).where('id', '=', id).execute();
}

/** One operation, locked until the transaction ends where the database has row locks. */
export async function readOperationForUpdate(db: Db, dialect: Dialect, id: string): Promise<OperationRow | undefined> {
  return (await dialect.forUpdate(db.selectFrom('operations').select(ROW).where('id', '=', id)).executeTakeFirst()) as OperationRow | undefined;
}

/** The operations of this kind on a list that are still `running`, with their params (JSON). */
export async function runningOperations(db: Db, listId: number, kind: OperationKind): Promise<{ id: string; params: string | null }[]> {
  return db.selectFrom('operations').select(['id', 'params']).where('list_id', '=', listId).where('kind', '=', kind).where('state', '=', 'running').execute();
}

/** Every operation still marked `running`, whatever its kind or list. */
export async function allRunningOperations(db: Db): Promise<string[]> {
  return (await db.selectFrom('operations').select('id').where('state', '=', 'running').execute()).map((r) => r.id);
}

/** The newest finished fix or recycle of a list that changed at least one lead: the one an undo may take back. */
export async function lastUndoableOperation(db: Db, listId: number): Promise<OperationRow | undefined> {
  return (await db
    .selectFrom('operations')
    .select(ROW)
    .where('list_id', '=', listId)
    .where('kind', 'in', UNDOABLE_KINDS)
    .where('state', 'in', FINISHED)
    .where(({ exists, selectFrom }) => exists(selectFrom('operation_leads').select('lead_id').whereRef('operation_leads.operation_id', '=', 'operations.id')))
    .orderBy('started_at', 'desc')
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst()) as OperationRow | undefined;
}

/**
 * When a new operation of a list starts: now, or just after the list's latest one. "The last
 * operation of a list" is decided by started_at: a recycle right after another one in the same
 * millisecond (or under a fixed test clock) still sorts after it.
 */
export async function nextStartTime(db: Db, listId: number, nowIso: Timestamp): Promise<Timestamp> {
  const latest = await db
    .selectFrom('operations')
    .select('started_at')
    .where('list_id', '=', listId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest || Date.parse(latest.started_at) < Date.parse(nowIso)) return nowIso;
  return new Date(Date.parse(latest.started_at) + 1).toISOString();
}

/** Removes a run that changed nothing before it commits, so that no empty operation is left to undo. */
export async function discardOperation(db: Db, id: string): Promise<void> {
  await db.deleteFrom('operations').where('id', '=', id).execute();
  await releaseOperationLease(db, id);
}
