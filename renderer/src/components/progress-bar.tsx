import type { Progress } from '../stores/progress';
import { count } from '../format/format';

/** Determinate once the back end has said how much there is; indeterminate before. */
export function ProgressBar({ progress, onStop }: { progress: Progress; onStop?: () => void }) {
  const known = progress.total > 0;
  return (
    <div className="progress" role="status">
      <label>
        <span className="progress-label">
          {progress.label}
          {progress.phase ? ` — ${progress.phase}` : ''}
          {known ? ` (${count(progress.done)} of ${count(progress.total)})` : ''}
        </span>
        <progress aria-label={`${progress.label} progress`} max={known ? progress.total : undefined} value={known ? progress.done : undefined} />
      </label>
      {onStop ? (
        <button type="button" className="progress-stop" onClick={onStop}>
          Stop
        </button>
      ) : null}
    </div>
  );
}
