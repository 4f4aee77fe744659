// The console's frame: header, banners, side navigator and the chosen screen.
import { useEffect } from 'react';
import { DatabaseBanner } from './components/database-banner';
import { ErrorList } from './components/error-list';
import { SideNav } from './components/side-nav';
import { AuditPanel } from './screens/audit/audit-panel';
import { CallbacksScreen } from './screens/callbacks/callbacks-screen';
import { CampaignScreen } from './screens/campaign/campaign-screen';
import { HopperPanel } from './screens/hopper/hopper-panel';
import { JobsPanel } from './screens/jobs/jobs-panel';
import { RecyclingScreen } from './screens/recycling/recycling-screen';
import { SettingsScreen } from './screens/settings/settings-screen';
import { useSlice, useStores } from './stores/stores';

function Content() {
  const { campaigns, campaignId, listId, view, loading } = useSlice((s) => s.navigation, (s) => s);
  const campaign = campaigns.find((c) => c.id === campaignId) ?? null;
  const list = campaign?.lists.find((l) => l.id === listId) ?? null;
  if (view === 'jobs') return <JobsPanel />;
  if (view === 'audit') return <AuditPanel />;
  if (view === 'settings') return <SettingsScreen />;
  if (!campaign) return <p className="empty">{loading ? 'Loading campaigns…' : 'Pick a campaign on the left.'}</p>;
  if (view === 'campaign') return <CampaignScreen campaignId={campaign.id} campaignName={campaign.name} />;
  if (view === 'callbacks') return <CallbacksScreen campaignId={campaign.id} campaignName={campaign.name} />;
  if (view === 'hopper') return <HopperPanel campaignId={campaign.id} campaignName={campaign.name} />;
  if (!list) return <p className="empty">This campaign has no list.</p>;
  const subtitle = `${campaign.name} · list #${list.id}${list.active ? '' : ' · inactive list'}${campaign.active ? '' : ' · inactive campaign'}`;
  return <RecyclingScreen listId={list.id} title={list.name} subtitle={subtitle} />;
}

export function App() {
  const { app, navigation } = useStores();
  const info = useSlice((s) => s.app, (s) => s.info);
  useEffect(() => {
    void app.getState().loadInfo();
    void navigation.getState().loadCampaigns();
  }, [app, navigation]);
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">Lead Console</span>
        {info ? (
          <span className="db-info" title={info.database.description}>
            {info.database.description}
          </span>
        ) : null}
        {info ? <span className="version">v{info.version}</span> : null}
      </header>
      <div className="app-body">
        <SideNav />
        <main className="content">
          <DatabaseBanner />
          <ErrorList />
          <Content />
        </main>
      </div>
    </div>
  );
}
