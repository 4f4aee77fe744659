import type { Status } from '../catalogue/statuses';
import type { OperationKind, UndoableKind } from './operations';

/** domain.md "Recycling a list". */
export interface RecycleRequest {
  listId: number;
  /** Stored status words to recycle; null stands for NULL. */
  statuses: (string | null)[];
  /** `new` by default, or a recyclable status. */
  targetStatus: Status;
  resetDialCount: boolean;
  /** Needed to move final statuses other than `dnc` (which never moves). */
  finalOverride?: { reason: string };
}

export interface RecyclePreview {
  list_id: number;
  /** Exactly how many leads the recycle would change. */
  will_change: number;
  by_status: { status: string | null; count: number }[];
  /** `dnc` leads among the chosen statuses: never recycled. */
  skipped_dnc: number;
  /** Final statuses chosen without an override: refused until one is given. */
  needs_override: string[];
}

export interface OperationResult {
  operation_id: string;
  kind: OperationKind;
  changed: number;
  list_id: number | null;
  /** Undo of an import: its leads kept because they were dialed or changed since. */
  kept?: number;
}

export interface UndoableOperation {
  operation_id: string;
  kind: UndoableKind;
  list_id: number;
  started_at: string;
  changed: number;
  /** False once any of its leads changed since; `reason` says why. */
  undoable: boolean;
  reason: string | null;
}
