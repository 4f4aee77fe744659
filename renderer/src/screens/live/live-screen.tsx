// The live campaign view, the console's landing screen: every campaign's figures, kept current by
// the `reports/live-updated` push event (main refreshes at most every 5 s per campaign).
import { useEffect, useState } from 'react';
import { useSlice, useStores } from '../../stores/stores';
import { LiveCampaignCard } from './live-campaign-card';
import { timeOf } from './live-text';

/** The clock "runs dry in …" counts from; ticks each minute, no database read. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function LiveScreen() {
  const { live } = useStores();
  const { campaigns, updatedAt, loading, loaded } = useSlice((s) => s.live, (s) => s);
  const now = useMinuteClock();
  useEffect(() => {
    void live.getState().load();
  }, [live]);
  return (
    <section className="screen live-screen" aria-labelledby="live-title">
      <header className="screen-header">
        <div>
          <h1 id="live-title">Live campaigns</h1>
          <p className="subtitle" aria-live="polite">
            {updatedAt ? `Updated ${timeOf(updatedAt)}, live as calls are recorded` : 'Waiting for the first figures…'}
          </p>
        </div>
      </header>
      {loading && !loaded ? <p className="loading">Loading the live view…</p> : null}
      {loaded && campaigns.length === 0 ? <p className="empty">No campaign in this database.</p> : null}
      <div className="live-cards">
        {campaigns.map((c) => (
          <LiveCampaignCard key={c.campaign_id} c={c} now={now} />
        ))}
      </div>
    </section>
  );
}
