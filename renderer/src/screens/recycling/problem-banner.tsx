// Red banner while the list has problem leads a fix can repair; words only a person can read
// (unknown statuses) get a quieter note instead, since no button makes them go away.
import { PROBLEM_CLASSES, PROBLEM_CLASS_LABEL } from '../../../../shared/catalogue';
import type { FixReport, ListProblemReport } from '../../../../shared/types/status';
import { count } from '../../format/format';
import { LeadLink } from '../../components/lead-link';

export function fixableCount(report: FixReport): number {
  return Math.max(0, report.total_issues - report.not_fixable);
}

export interface ProblemBannerProps {
  report: ListProblemReport;
  busy: boolean;
  /** The counts are being taken again (a progress line shows beside). */
  checking: boolean;
  onFix(): void;
  onRecount(): void;
}

/** "Counted at 14:02:10": the counts are kept until the list changes, so say when they were taken. */
function AsOf({ report, checking, onRecount }: Pick<ProblemBannerProps, 'report' | 'checking' | 'onRecount'>) {
  return (
    <span className="as-of" data-testid="problems-as-of">
      Counted at <time dateTime={report.as_of}>{new Date(report.as_of).toLocaleTimeString()}</time>
      {report.cached ? ' (nothing in the list has changed since)' : ''}.{' '}
      <button type="button" className="link-button" onClick={onRecount} disabled={checking}>
        Count again
      </button>
    </span>
  );
}

export function ProblemBanner({ report, busy, checking, onFix, onRecount }: ProblemBannerProps) {
  const fixable = fixableCount(report);
  if (fixable === 0) {
    if (report.not_fixable === 0) return null;
    return (
      <p className="note-warning">
        {count(report.not_fixable)} leads have a status word that is neither a catalogue status nor a known alias. Only a person can say what it meant; they are left as they are.{' '}
        <AsOf report={report} checking={checking} onRecount={onRecount} />
      </p>
    );
  }
  return (
    <div className="banner banner-danger" role="alert" aria-labelledby="problem-banner-title">
      <div>
        <strong id="problem-banner-title">{count(report.total_issues)} problem leads in this list</strong>
        <ul className="problem-classes">
          {PROBLEM_CLASSES.filter((c) => report.issues[c] > 0).map((c) => (
            <li key={c}>
              <span className="problem-count">{count(report.issues[c])}</span> {PROBLEM_CLASS_LABEL[c]} <code>{c}</code>
              {report.samples[c]?.length ? <Samples ids={report.samples[c].slice(0, 5)} /> : null}
            </li>
          ))}
        </ul>
        {report.not_fixable > 0 ? <p>{count(report.not_fixable)} of them cannot be fixed automatically (unknown status words).</p> : null}
        <p className="banner-note">Each line counts the problem leads of one kind; the status cards below count every lead by its stored word.</p>
        <p className="banner-note">
          <AsOf report={report} checking={checking} onRecount={onRecount} />
        </p>
      </div>
      <div className="banner-actions">
        <button type="button" className="danger" onClick={onFix} disabled={busy}>
          Fix Problematic Leads
        </button>
      </div>
    </div>
  );
}

/** A few of the class's leads, each opening its story. */
function Samples({ ids }: { ids: number[] }) {
  return (
    <span className="samples">
      {' '}
      (e.g. lead{' '}
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 ? ', ' : ''}
          <LeadLink id={id} />
        </span>
      ))}
      )
    </span>
  );
}
