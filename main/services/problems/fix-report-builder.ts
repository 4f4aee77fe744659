// The report of a problem scan or fix, built range by range in id order.
import type { FixMode, FixReport } from '../../../shared/types/status';
import type { RangeOutcome } from './fix-range';
import { PROBLEM_CLASSES, type ProblemClass } from '../../../shared/catalogue/problem-classes';

function emptyClasses<T>(make: () => T): Record<ProblemClass, T> {
  return Object.fromEntries(PROBLEM_CLASSES.map((c) => [c, make()])) as Record<ProblemClass, T>;
}

export class FixReportBuilder {
  private readonly report: FixReport;

  constructor(
    private readonly mode: FixMode,
    scope: { campaignId?: number; listId?: number },
    operationId: string | null,
    /** How many lead ids to keep per class. */
    private readonly sampleSize: number,
  ) {
    this.report = {
      mode,
      scope: { campaign_id: scope.campaignId ?? null, list_id: scope.listId ?? null },
      checked: 0,
      issues: emptyClasses(() => 0),
      total_issues: 0,
      not_fixable: 0,
      fixed: 0,
      errors: 0,
      error_messages: [],
      operation_id: operationId,
      status_distribution_after: {},
      samples: emptyClasses<number[]>(() => []),
      stopped: false,
    };
  }

  get checked(): number {
    return this.report.checked;
  }

  /** Whether some class still has fewer samples than wanted (the ranges then read theirs). */
  get needsSamples(): boolean {
    return PROBLEM_CLASSES.some((c) => this.report.samples[c].length < this.sampleSize);
  }

  /** One range's outcome, in id order. */
  addRange({ range, tallies, samples, fixed, error }: RangeOutcome): void {
    const report = this.report;
    if (error) {
      // The range rolled back as a whole: its leads count as errors.
      report.errors += range.count;
      if (report.error_messages.length < 5) report.error_messages.push(error.message);
    } else {
      const countFixed = this.mode !== 'report';
      for (const { cls, fixable, status, n } of tallies) {
        const problem = PROBLEM_CLASSES[cls - 1];
        report.issues[problem] += n;
        report.total_issues += n;
        if (!fixable) report.not_fixable += n;
        if (countFixed && fixable) report.status_distribution_after[status ?? 'null'] = (report.status_distribution_after[status ?? 'null'] ?? 0) + n;
        // Every fixable plan changes its lead, so a dry run counts exactly what a fix would write.
        if (this.mode === 'dry-run' && fixable) report.fixed += n;
      }
      for (const { id, cls } of samples) {
        const kept = report.samples[PROBLEM_CLASSES[cls - 1]];
        if (kept.length < this.sampleSize) kept.push(id);
      }
      report.fixed += fixed;
    }
    report.checked += range.count;
  }

  /** The report; `stopped` when the run was asked to stop before the last range. */
  build(stopped: boolean): FixReport {
    const report: FixReport = { ...this.report, stopped };
    if (this.mode === 'report') report.status_distribution_after = {};
    return report;
  }

  /** What the operations log keeps of it. */
  static operationSummary(report: FixReport) {
    return { checked: report.checked, issues: report.issues, fixed: report.fixed, errors: report.errors, stopped: report.stopped };
  }
}
