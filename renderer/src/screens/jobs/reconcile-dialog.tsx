// "Run now" on the reconcile job asks first: it changes leads across every list. The dialog shows
// the job's own two steps as a dry run would leave them (jobs/preview-reconcile).
import type { JobName } from '../../../../shared/types/jobs';
import type { ReconcilePreview } from '../../../../shared/types/status';
import { PROBLEM_CLASSES, PROBLEM_CLASS_LABEL } from '../../../../shared/catalogue';
import { Dialog } from '../../components/dialog';
import { count } from '../../format/format';
import { jobLabel } from './job-labels';

export interface ReconcileDialogProps {
  job: JobName;
  /** Null while the dry run is counted. */
  preview: ReconcilePreview | null;
  onConfirm(): void;
  onCancel(): void;
}

export function ReconcileDialog({ job, preview, onConfirm, onCancel }: ReconcileDialogProps) {
  const r = preview?.report;
  return (
    <Dialog title={`Run “${jobLabel(job)}” now?`} confirmLabel="Run now" tone="danger" onConfirm={onConfirm} onCancel={onCancel} confirmDisabled={!preview}>
      {!preview || !r ? (
        <p className="dialog-lead" role="status">
          Counting what it would do in every list…
        </p>
      ) : (
        <>
          <p className="dialog-lead" role="status" aria-label="What the run would do">
            It works on every list of every campaign. First it applies <strong>{count(preview.unapplied_calls)}</strong> calls not yet applied to their leads; then, by the
            dry run of the fix, <strong>{count(r.fixed)}</strong> of {count(r.checked)} leads would be fixed
            {r.not_fixable > 0 ? ` and ${count(r.not_fixable)} cannot be fixed automatically` : ''}. It cannot be undone: the fix is recorded as one `reconcile` operation (see Audit).
          </p>
          <table className="mini-table" aria-label="Problem leads by class">
            <tbody>
              {PROBLEM_CLASSES.filter((c) => r.issues[c] > 0).map((c) => (
                <tr key={c}>
                  <th scope="row">{PROBLEM_CLASS_LABEL[c]}</th>
                  <td>{count(r.issues[c])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Dialog>
  );
}
