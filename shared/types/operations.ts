// The operations log (main/services/operations/): one row per fix, recycle, reconcile, undo, status-word map or import run.

export const OPERATION_KINDS = ['fix', 'recycle', 'reconcile', 'undo', 'map', 'import'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The kinds whose leads can be put back (an undo). */
export const UNDOABLE_KINDS = ['fix', 'recycle'] as const satisfies readonly OperationKind[];
export type UndoableKind = (typeof UNDOABLE_KINDS)[number];

/** running → done or failed (a failed fix keeps what its committed ranges wrote) → undone. */
export type OperationState = 'running' | 'done' | 'failed' | 'undone';
