// A list's problem counts for the recycling screen: counted once, kept with the time they were
// taken (`as_of`), and answered from there on later visits until something that decides the
// list's problem classes changes (list-change-marks.ts): a fix, recycle, undo, import, alias, a
// call on one of its leads, a sync. Counting a 620k-lead list takes seconds; checking the marks
// takes milliseconds. Two visits of one list while it is being counted share the count, which
// stops when every one of them has walked away.
import { cancelled } from '../../../shared/errors';
import type { FixReport, ListProblemReport } from '../../../shared/types/status';
import type { DbHandle } from '../../db/open-database';
import type { Clock } from '../../db/time';
import { listChanged, readChangeMarks, type ChangeMarks } from './list-change-marks';

export interface ProblemCountOptions {
  /** Count again now, whatever is kept. */
  recount?: boolean;
  signal?: AbortSignal;
  /** Leads checked so far, while counting (every visit waiting on the count is told). */
  onProgress?: (p: { checked: number; total: number }) => void;
}

type Progress = NonNullable<ProblemCountOptions['onProgress']>;

/** Counts a list's problem leads (the report mode of the fix: status.findAndFix). */
export type CountProblems = (listId: number, signal: AbortSignal, onProgress: Progress) => Promise<FixReport>;

interface Kept {
  report: FixReport;
  asOf: string;
  marks: ChangeMarks;
}

interface Counting {
  promise: Promise<Kept>;
  controller: AbortController;
  waiting: number;
  listeners: Set<Progress>;
}

export class ProblemCounts {
  private readonly kept = new Map<number, Kept>();
  private readonly counting = new Map<number, Counting>();

  constructor(
    private readonly handle: DbHandle,
    private readonly clock: Clock,
    private readonly count: CountProblems,
  ) {}

  async forList(listId: number, options: ProblemCountOptions = {}): Promise<ListProblemReport> {
    const kept = this.kept.get(listId);
    if (kept && !options.recount && !this.counting.has(listId)) {
      const now = await readChangeMarks(this.handle.db, listId);
      if (!(await listChanged(this.handle.db, listId, kept.marks, now))) {
        // Nothing of this list moved: the next check starts from here.
        kept.marks = now;
        return { ...kept.report, as_of: kept.asOf, cached: true };
      }
    }
    const fresh = await this.join(listId, options.signal, options.onProgress);
    return { ...fresh.report, as_of: fresh.asOf, cached: false };
  }

  /** Forgets every list's counts (the database was switched, or a test wants a clean start). */
  clear(): void {
    this.kept.clear();
  }

  private join(listId: number, signal: AbortSignal | undefined, onProgress: Progress | undefined): Promise<Kept> {
    let counting = this.counting.get(listId);
    // A count every caller left is stopping (its ranges notice the abort a moment later): a new
    // caller must not join it, or it inherits the `cancelled` meant for the ones who left.
    if (!counting || counting.controller.signal.aborted) {
      const controller = new AbortController();
      const listeners = new Set<Progress>();
      const promise = this.countNow(listId, controller.signal, (p) => listeners.forEach((l) => l(p)));
      counting = { promise, controller, waiting: 0, listeners };
      const mine = counting;
      this.counting.set(listId, mine);
      void promise.then(
        () => this.counting.get(listId) === mine && this.counting.delete(listId),
        () => this.counting.get(listId) === mine && this.counting.delete(listId),
      );
    }
    const shared = counting;
    shared.waiting += 1;
    if (onProgress) shared.listeners.add(onProgress);
    const leave = () => {
      shared.waiting -= 1;
      if (shared.waiting === 0) shared.controller.abort();
    };
    if (signal?.aborted) leave();
    else signal?.addEventListener('abort', leave, { once: true });
    return shared.promise.finally(() => {
      signal?.removeEventListener('abort', leave);
      if (onProgress) shared.listeners.delete(onProgress);
    });
  }

  private async countNow(listId: number, signal: AbortSignal, onProgress: Progress): Promise<Kept> {
    // Marks read before counting: a change made during the count makes the next visit count again.
    const marks = await readChangeMarks(this.handle.db, listId);
    const asOf = this.clock().toISOString();
    const report = await this.count(listId, signal, onProgress);
    if (report.stopped) throw cancelled('Counting the problem leads');
    const kept = { report, asOf, marks };
    this.kept.set(listId, kept);
    return kept;
  }
}
