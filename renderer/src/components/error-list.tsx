// Every failed call, readable, until the supervisor dismisses it; on the screen where it happened
// (an error of the recycling screen does not follow the supervisor to the audit).
import { useSlice, useStores } from '../stores/stores';

export function ErrorList() {
  const all = useSlice((s) => s.app, (s) => s.errors);
  const view = useSlice((s) => s.navigation, (s) => s.view);
  const { app } = useStores();
  const errors = all.filter((e) => e.screen === null || e.screen === view);
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
