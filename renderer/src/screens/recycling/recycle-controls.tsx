// Selection helpers, target, reset, the final-status override and the Recycle / Undo buttons.
import { RECYCLABLE_STATUSES, type Status } from '../../../../shared/catalogue';
import { MIN_REASON, type RecyclingState } from '../../stores/recycling/recycling-store';
import { needsOverride } from '../../stores/recycling/recycling-rules';
import { dateTime, count } from '../../format/format';

const TARGETS: Status[] = ['new', ...RECYCLABLE_STATUSES];

export function RecycleControls({ state, busy }: { state: RecyclingState; busy: boolean }) {
  const finalsChosen = state.selection.some((s) => needsOverride(s));
  const reasonOk = state.overrideReason.trim().length >= MIN_REASON;
  const canRecycle = state.selection.length > 0 && !busy && (!finalsChosen || (state.override && reasonOk));
  const undo = state.undoable;
  return (
    <div className="controls" role="group" aria-label="Recycle options">
      <div className="control-row">
        <button type="button" onClick={state.selectRecyclable} disabled={busy}>
          Select Recyclable
        </button>
        <button type="button" onClick={state.clearSelection} disabled={busy || state.selection.length === 0}>
          Clear Selection
        </button>
        <label className="inline">
          Target status
          <select value={state.targetStatus} onChange={(e) => state.setTarget(e.target.value as Status)} disabled={busy}>
            {TARGETS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="inline check">
          <input type="checkbox" checked={state.resetDialCount} onChange={(e) => state.setResetDialCount(e.target.checked)} disabled={busy} />
          Reset dial count
        </label>
      </div>
      <div className="control-row">
        <label className="inline check">
          <input type="checkbox" checked={state.override} onChange={(e) => state.setOverride(e.target.checked)} disabled={busy} />
          Allow final statuses (override)
        </label>
        {state.override ? (
          <label className="inline grow">
            Override reason
            <input
              type="text"
              value={state.overrideReason}
              maxLength={500}
              placeholder="Why these final leads may be dialed again"
              onChange={(e) => state.setOverrideReason(e.target.value)}
              aria-invalid={finalsChosen && !reasonOk}
              disabled={busy}
            />
          </label>
        ) : (
          <span className="hint">Final statuses need an override with a reason; do-not-call leads are never recycled.</span>
        )}
      </div>
      {finalsChosen && !reasonOk ? <p className="hint warn">Give a reason of at least {MIN_REASON} characters to recycle final statuses.</p> : null}
      <div className="control-row actions">
        <button type="button" className="primary" onClick={() => void state.requestRecycle()} disabled={!canRecycle || state.preparing}>
          Recycle
        </button>
        {undo ? (
          <>
            <button type="button" onClick={state.requestUndo} disabled={busy || !undo.undoable} aria-describedby="undo-detail">
              Undo
            </button>
            <span id="undo-detail" className="hint">
              Last {undo.kind} on {dateTime(undo.started_at)}: {count(undo.changed)} leads
              {undo.undoable ? '' : ` — cannot be undone: ${undo.reason ?? 'its leads changed since'}`}
            </span>
          </>
        ) : null}
      </div>
    </div>
  );
}
