import { useSlice, useStores } from '../stores/stores';

/** Shown while the back end says the database cannot be reached. */
export function DatabaseBanner() {
  const database = useSlice((s) => s.app, (s) => s.database);
  const { navigation } = useStores();
  if (database.state !== 'unavailable') return null;
  return (
    <div className="banner banner-danger" role="alert" aria-label="Database unavailable">
      <div>
        <strong>Database unavailable.</strong> {database.message || 'The console cannot reach its database.'} Figures on screen may be out of date.
      </div>
      <div className="banner-actions">
        <button type="button" onClick={() => navigation.getState().setView('settings')}>
          Database settings
        </button>
      </div>
    </div>
  );
}
