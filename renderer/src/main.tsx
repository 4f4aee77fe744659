// Entry point: pick the transport (Electron preload or browser mode), build the stores over it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createClient } from './api/client';
import { pickTransport } from './api/pick-transport';
import { createStores, StoresContext } from './stores/stores';
import './styles/base.css';
import './styles/layout.css';
import './styles/recycling.css';
import './styles/tables.css';
import './styles/reports.css';
import './styles/print.css';

const root = createRoot(document.getElementById('root')!);
let stores: ReturnType<typeof createStores> | null = null;
const choice = pickTransport(window, (connected) => {
  if (!stores) return;
  // SSE drop = the server is gone (serve stopped); say so instead of showing stale figures silently.
  if (!connected) stores.app.setState({ database: { state: 'unavailable', message: 'Lost the connection to the console server.' } });
  else if (stores.app.getState().database.message === 'Lost the connection to the console server.') stores.app.setState({ database: { state: 'ok', message: '' } });
});

if (choice.kind === 'none') {
  root.render(
    <div className="fatal" role="alert">
      <h1>Lead Console</h1>
      <p>{choice.reason}</p>
    </div>,
  );
} else {
  stores = createStores(createClient(choice.transport));
  root.render(
    <StrictMode>
      <StoresContext.Provider value={stores}>
        <App />
      </StoresContext.Provider>
    </StrictMode>,
  );
}
