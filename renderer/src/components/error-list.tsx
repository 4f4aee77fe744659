// Every failed call, readable, until the supervisor dismisses it.
import { useSlice, useStores } from '../stores/stores';

export function ErrorList() {
  const errors = useSlice((s) => s.app, (s) => s.errors);
  const { app } = useStores();
  if (errors.length === 0) return null;
  return (
    <div className="errors">
      {errors.map((e) => (
        <div key={e.id} className="error-message" role="alert" aria-label="Error">
          <div>
            <strong>{e.context} failed.</strong> {e.message} <span className="error-code">({e.code})</span>
          </div>
          <button type="button" className="link" onClick={() => app.getState().dismissError(e.id)} aria-label={`Dismiss: ${e.context} failed`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
