// The console's frame: header, banners, side navigator and the chosen screen.
import { useEffect } from 'react';
import { DatabaseBanner } from './components/database-banner';
import { EmptyDatabase } from './components/empty-database';
import { ErrorList } from './components/error-list';
import { SideNav } from './components/side-nav';
import { ThemeSwitch } from './components/theme-switch';
import { AuditScreen } from './screens/audit/audit-screen';
import { HopperScreen } from './screens/hopper/hopper-screen';
import { JobsScreen } from './screens/jobs/jobs-screen';
import { LeadScreen } from './screens/lead/lead-screen';
import { LeadSearchBox } from './components/lead-search-box';
import { CallbacksScreen } from './screens/callbacks/callbacks-screen';
import { CampaignScreen } from './screens/campaign/campaign-screen';
import { RecyclingScreen } from './screens/recycling/recycling-screen';
import { SettingsScreen } from './screens/settings/settings-screen';
import { ImportScreen } from './screens/imports/import-screen';
import { DncScreen } from './screens/dnc/dnc-screen';
import { LiveScreen } from './screens/live/live-screen';
import { ActivityScreen } from './screens/reports/activity-screen';
import { PenetrationScreen } from './screens/reports/penetration-screen';
import { useSlice, useStores } from './stores/stores';

function Content() {
  const { campaigns, campaignId, listId, view, loading, loaded } = useSlice((s) => s.navigation, (s) => s);
  const campaign = campaigns.find((c) => c.id === campaignId) ?? null;
  const list = campaign?.lists.find((l) => l.id === listId) ?? null;
  if (view === 'jobs') return <JobsScreen />;
  if (view === 'audit') return <AuditScreen />;
  if (view === 'settings') return <SettingsScreen />;
  if (view === 'dnc') return <DncScreen />;
  if (view === 'lead') return <LeadScreen />;
  if (!campaign && loaded && !loading && campaigns.length === 0) return <EmptyDatabase />;
  if (view === 'live') return <LiveScreen />;
  if (!campaign) return <p className="empty">{loading ? 'Loading campaigns…' : 'Pick a campaign on the left.'}</p>;
  if (view === 'hopper') return <HopperScreen campaignId={campaign.id} campaignName={campaign.name} />;
  if (view === 'campaign') return <CampaignScreen campaignId={campaign.id} campaignName={campaign.name} />;
  if (view === 'activity') return <ActivityScreen campaignId={campaign.id} campaignName={campaign.name} />;
  if (view === 'callbacks') return <CallbacksScreen campaignId={campaign.id} campaignName={campaign.name} />;
  if (!list) return <p className="empty">This campaign has no list.</p>;
  const subtitle = `${campaign.name} · list #${list.id}${list.active ? '' : ' · inactive list'}${campaign.active ? '' : ' · inactive campaign'}`;
  if (view === 'penetration') return <PenetrationScreen listId={list.id} title={list.name} subtitle={subtitle} campaignListIds={campaign.lists.map((l) => l.id)} />;
  if (view === 'import') return <ImportScreen listId={list.id} title={list.name} subtitle={subtitle} />;
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
        <LeadSearchBox />
        {info ? (
          <span className="db-info" title={info.database.description}>
            {info.database.description}
          </span>
        ) : null}
        <ThemeSwitch />
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
