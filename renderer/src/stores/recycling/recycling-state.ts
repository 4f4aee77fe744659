// The recycling screen's state, in three slices: the list's figures, the supervisor's choice
// (selection and its live preview), and the operations run on that choice (dialogs, progress).
import type { StateCreator } from 'zustand/vanilla';
import type { Status } from '../../../../shared/catalogue';
import type { RecyclePreview, UndoableOperation } from '../../../../shared/types/recycling';
import type { FixReport, ListBreakdown, ListProblemReport } from '../../../../shared/types/status';
import type { ApiClient } from '../../api/client';
import type { Progress } from '../progress';

export type RecyclingDialog =
  | { kind: 'recycle'; preview: RecyclePreview }
  | { kind: 'fix'; dryRun: FixReport }
  | { kind: 'undo'; operation: UndoableOperation };

/** What the back end says about the list shown. */
export interface ListSlice {
  listId: number | null;
  breakdown: ListBreakdown | null;
  /** The problem counts, filled in after the figures (they may take seconds on a large list). */
  problems: ListProblemReport | null;
  /** While the problem counts are being taken: what the progress line says. */
  problemsProgress: Progress | null;
  undoable: UndoableOperation | null;
  loading: boolean;
  load(listId: number): Promise<void>;
  refresh(): Promise<void>;
  /** Count the problem leads again now, rather than take the counts kept since their "as of" time. */
  recount(): Promise<void>;
  /** The screen is left: the problem count, dry run or fix on its way stops (server side too). */
  leave(): void;
}

/** The statuses chosen and how to recycle them, with the back end's count for that choice. */
export interface SelectionSlice {
  selection: (string | null)[];
  targetStatus: Status;
  resetDialCount: boolean;
  override: boolean;
  overrideReason: string;
  /** The back end's exact count for the current choice (`recycling/preview`); null while unknown. */
  willChange: number | null;
  toggle(status: string | null): void;
  selectRecyclable(): void;
  clearSelection(): void;
  setTarget(status: Status): void;
  setResetDialCount(value: boolean): void;
  setOverride(value: boolean): void;
  setOverrideReason(reason: string): void;
  /** Back to the form as it opens (a new list, a recycle or undo done): no preview on its way. */
  resetChoice(): void;
}

/** Recycle, fix and undo: each confirmed in a dialog first, then followed with progress. */
export interface OperationsSlice {
  dialog: RecyclingDialog | null;
  /** A preview or dry run is being computed. */
  preparing: boolean;
  progress: Progress | null;
  /** The work in progress can be stopped (a dry run or a fix; a recycle or undo is all or nothing). */
  stoppable: boolean;
  notice: string | null;
  requestRecycle(): Promise<void>;
  requestFix(): Promise<void>;
  requestUndo(): void;
  confirm(): Promise<void>;
  cancel(): void;
  /** Stops the dry run or fix on its way: what a fix committed stays, and can be undone. */
  stopWork(): void;
}

export type RecyclingState = ListSlice & SelectionSlice & OperationsSlice;

export interface RecyclingDeps {
  client: ApiClient;
  report(context: string, err: unknown): void;
}

/** One slice of the recycling store, seeing (and setting) the whole state. */
export type RecyclingSlice<S> = StateCreator<RecyclingState, [], [], S>;
