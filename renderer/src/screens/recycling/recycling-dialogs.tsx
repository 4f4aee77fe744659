// The confirmations: exactly how many leads change, before anything does.
import { PROBLEM_CLASSES, PROBLEM_CLASS_LABEL } from '../../../../shared/catalogue';
import { Dialog } from '../../components/dialog';
import { count, statusLabel } from '../../format/format';
import type { RecyclingDialog } from '../../stores/recycling/recycling-store';

export interface RecyclingDialogsProps {
  dialog: RecyclingDialog;
  targetStatus: string;
  resetDialCount: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function RecyclingDialogs({ dialog, targetStatus, resetDialCount, onConfirm, onCancel }: RecyclingDialogsProps) {
  if (dialog.kind === 'recycle') {
    const p = dialog.preview;
    return (
      <Dialog title="Confirm recycle" confirmLabel="Confirm" onConfirm={onConfirm} onCancel={onCancel} confirmDisabled={p.will_change === 0 || p.needs_override.length > 0}>
        <p className="dialog-lead">
          <strong data-testid="will-change">{count(p.will_change)}</strong> leads will change to <code>{targetStatus}</code>
          {resetDialCount ? ', with their dial count reset to 0' : ''}.
        </p>
        <table className="mini-table">
          <tbody>
            {p.by_status.map((row) => (
              <tr key={row.status ?? '\u0000'}>
                <th scope="row">{statusLabel(row.status)}</th>
                <td>{count(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {p.skipped_dnc > 0 ? <p className="hint">{count(p.skipped_dnc)} do-not-call leads are left as they are.</p> : null}
        {p.needs_override.length > 0 ? (
          <p className="hint warn">Final statuses need an override with a reason: {p.needs_override.join(', ')}.</p>
        ) : null}
        <p className="hint">The recycle can be undone while its leads are unchanged.</p>
      </Dialog>
    );
  }
  if (dialog.kind === 'fix') {
    const r = dialog.dryRun;
    return (
      <Dialog title="Fix problem leads" confirmLabel="Confirm" tone="danger" onConfirm={onConfirm} onCancel={onCancel} confirmDisabled={r.fixed === 0}>
        <p className="dialog-lead">
          Dry run: <strong data-testid="will-fix">{count(r.fixed)}</strong> leads will be fixed
          {r.not_fixable > 0 ? `; ${count(r.not_fixable)} cannot be fixed automatically` : ''}.
        </p>
        <table className="mini-table">
          <tbody>
            {PROBLEM_CLASSES.map((c) => (
              <tr key={c}>
                <th scope="row">{PROBLEM_CLASS_LABEL[c]}</th>
                <td>{count(r.issues[c])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {Object.keys(r.status_distribution_after).length > 0 ? (
          <table className="mini-table after-table" aria-labelledby="fix-after-title">
            <caption id="fix-after-title">Statuses of the fixed leads afterwards</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Leads</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.status_distribution_after)
                .sort((a, b) => b[1] - a[1])
                .map(([s, n]) => (
                  <tr key={s}>
                    <th scope="row">{statusLabel(s)}</th>
                    <td>{count(n)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ) : null}
      </Dialog>
    );
  }
  const op = dialog.operation;
  return (
    <Dialog title="Undo last operation" confirmLabel="Confirm" onConfirm={onConfirm} onCancel={onCancel}>
      <p className="dialog-lead">
        Undo the last {op.kind}: <strong>{count(op.changed)}</strong> leads go back to how they were before it.
      </p>
    </Dialog>
  );
}
