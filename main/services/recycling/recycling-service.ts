// The recycling service: preview, recycle, and undo of the last recycle or fix of a list.
// It knows nothing of Electron; it takes a database handle and a clock.
import type { OperationResult, RecyclePreview, RecycleRequest, UndoableOperation } from '../../../shared/types/recycling';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { previewRecycle, recycleList, type ProgressListener } from './recycle-list';
import { lastUndoable, undoOperation } from './undo-operation';

export type { OperationProgress, ProgressListener } from './recycle-list';

export class RecyclingService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
  ) {}

  preview(request: RecycleRequest): Promise<RecyclePreview> {
    return previewRecycle(this.handle, request);
  }

  recycle(request: RecycleRequest, onProgress?: ProgressListener): Promise<OperationResult> {
    return recycleList(this.handle, this.clock, request, onProgress);
  }

  lastUndoable(listId: number): Promise<UndoableOperation | null> {
    return lastUndoable(this.handle, listId);
  }

  undo(operationId: string, onProgress?: ProgressListener): Promise<OperationResult> {
    return undoOperation(this.handle, this.clock, operationId, onProgress);
  }
}
