// Sandboxed preload: exposes `window.leadConsole`, built from the contract's channel and event
// names only. Bundled to dist/preload/preload.cjs (a sandboxed preload cannot import modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { LeadConsoleApi } from '../shared/ipc/contract';
import { buildApi } from './build-api';

const api = buildApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, listener) => {
    // The renderer never sees the IpcRendererEvent (it carries `sender`).
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
) satisfies LeadConsoleApi;

contextBridge.exposeInMainWorld('leadConsole', api);
