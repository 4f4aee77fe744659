// The operations log (main/services/operations/): one row per fix, recycle, reconcile, undo,
// status mapping or import run.

export const OPERATION_KINDS = ['fix', 'recycle', 'reconcile', 'undo', 'map', 'import'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The kinds whose leads can be put back (an undo). */
export const UNDOABLE_KINDS = ['fix', 'recycle', 'map'] as const satisfies readonly OperationKind[];
export type UndoableKind = (typeof UNDOABLE_KINDS)[number];

/**
 * running → done or failed (a failed fix keeps what its committed ranges wrote) → undone.
 * running → interrupted: its process died mid-run (no live lease); what it committed stays
 * recorded and can be undone like a failed run's.
 */
export type OperationState = 'running' | 'done' | 'failed' | 'interrupted' | 'undone';
