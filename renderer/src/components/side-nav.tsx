// The side navigator: the screens, then each campaign with its lists.
import { count } from '../format/format';
import { useSlice, useStores } from '../stores/stores';
import type { View } from '../stores/navigation-store';

const VIEWS: { view: View; label: string }[] = [
  { view: 'live', label: 'Live' },
  { view: 'recycling', label: 'Recycling' },
  { view: 'import', label: 'Import' },
  { view: 'hopper', label: 'Hopper' },
  { view: 'dnc', label: 'DNC list' },
  { view: 'campaign', label: 'Campaign' },
  { view: 'callbacks', label: 'Callbacks' },
  { view: 'penetration', label: 'Penetration' },
  { view: 'activity', label: 'Activity' },
  { view: 'jobs', label: 'Jobs' },
  { view: 'audit', label: 'Audit' },
  { view: 'lead', label: 'Lead' },
  { view: 'settings', label: 'Settings' },
];

export function SideNav() {
  const { navigation } = useStores();
  const { campaigns, campaignId, listId, view, loading } = useSlice((s) => s.navigation, (s) => s);
  const nav = navigation.getState();
  return (
    <aside className="side-nav">
      <nav aria-label="Screens">
        <ul className="nav-views">
          {VIEWS.map((v) => (
            <li key={v.view}>
              <button type="button" className="nav-item" aria-current={view === v.view ? 'page' : undefined} onClick={() => nav.setView(v.view)}>
                {v.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Campaigns" className="nav-campaigns">
        <h2 className="nav-heading">Campaigns</h2>
        {loading && campaigns.length === 0 ? <p className="hint">Loading…</p> : null}
        {!loading && campaigns.length === 0 ? <p className="hint">No campaign in this database.</p> : null}
        <ul>
          {campaigns.map((c) => (
            <li key={c.id} className="nav-campaign">
              <button
                type="button"
                className="nav-item campaign"
                aria-current={c.id === campaignId ? 'true' : undefined}
                onClick={() => nav.selectCampaign(c.id)}
                title={c.timezone}
              >
                <span className="nav-name">{c.name}</span>
                {c.active ? null : <span className="badge">inactive</span>}
              </button>
              <ul className="nav-lists" aria-label={`Lists of ${c.name}`}>
                {c.lists.map((l) => (
                  <li key={l.id}>
                    <button
                      type="button"
                      className="nav-item list"
                      aria-current={l.id === listId ? 'true' : undefined}
                      onClick={() => nav.selectList(l.id)}
                    >
                      <span className="nav-name">{l.name}</span>
                      <span className="nav-count">{count(l.leads)}</span>
                      {l.active ? null : <span className="badge">inactive</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
