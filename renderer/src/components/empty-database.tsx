// A database with no campaign (the first `npm start` opens an empty one): instead of "Pick a
// campaign on the left", the two ways on — the demo database, or a file of one's own.
import { useSlice, useStores } from '../stores/stores';

export function EmptyDatabase() {
  const { settings, navigation } = useStores();
  const info = useSlice((s) => s.app, (s) => s.info);
  const busy = useSlice((s) => s.settings, (s) => s.busy);
  const isElectron = info?.shell === 'electron';
  return (
    <section className="panel empty-database" aria-labelledby="empty-db-title">
      <h1 id="empty-db-title">This database has no campaign yet</h1>
      <p className="hint">{info ? `The console is open on ${info.database.description}, which holds no campaign, list or lead.` : 'The database holds no campaign, list or lead.'}</p>
      <div className="control-row">
        <button type="button" className="primary" onClick={() => void settings.getState().openDemo()} disabled={busy !== null}>
          {busy === 'sqlite' ? 'Opening the demo database…' : 'Open the demo database'}
        </button>
        <button
          type="button"
          onClick={() => (isElectron ? void settings.getState().openSqlite() : navigation.getState().setView('settings'))}
          disabled={busy !== null}
        >
          Open a file…
        </button>
      </div>
      <p className="hint">
        The demo (three campaigns, 58,466 leads with every kind of problem) is created in the console's data folder the first time, which takes a few seconds; after that it
        opens at once.{isElectron ? '' : ' Open a file… goes to the database settings.'}
      </p>
    </section>
  );
}
