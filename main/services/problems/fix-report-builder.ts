// The report of a problem scan or fix, built range by range in id order.
import type { FixMode, FixReport } from '../../../shared/types/status';
import type { RangeOutcome } from './fix-range';
import { PROBLEM_CLASSES, type ProblemClass } from './problem-rules';

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

  /** One range's outcome, in id order. */
  addRange({ range, planned, fixed, error }: RangeOutcome): void {
    const report = this.report;
    if (error) {
      // The range rolled back as a whole: its leads count as errors.
      report.errors += range.count;
      if (report.error_messages.length < 5) report.error_messages.push(error.message);
    } else if (this.mode === 'fix') {
      this.tally(planned, true);
      report.fixed += fixed;
    } else {
      this.tally(planned, this.mode === 'dry-run');
      // Every fixable plan changes its lead, so a dry run counts exactly what a fix would write.
      if (this.mode === 'dry-run') report.fixed += planned.filter((p) => p.plan.fixable).length;
    }
    report.checked += range.count;
  }

  private tally(planned: RangeOutcome['planned'], countFixed: boolean): void {
    const report = this.report;
    for (const { lead, plan } of planned) {
      report.issues[plan.problem] += 1;
      report.total_issues += 1;
      if (report.samples[plan.problem].length < this.sampleSize) report.samples[plan.problem].push(lead.id);
      if (!plan.fixable) report.not_fixable += 1;
      if (countFixed && plan.fixable) {
        const status = plan.next.status ?? 'null';
        report.status_distribution_after[status] = (report.status_distribution_after[status] ?? 0) + 1;
      }
    }
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
