// Electron's main process: one window on the shared app runtime. The database is the one saved
// in settings (default: the embedded SQLite file in the user data folder, shared with the CLI).
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { AppRuntime } from '../app/app-runtime';
import { DatabaseSettings } from '../app/database-settings';
import { defaultSqliteFile, userDataDir } from '../db/database-config';
import { createHandlers } from '../ipc/handlers';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { registerIpc } from './ipc-adapter';
import { sqliteDialogs } from './sqlite-dialogs';
import { safeStorageBox } from './safe-storage-box';
import { isTrustedSender } from './sender-check';
import { createConsoleWindow, lockDownContents, lockDownSession } from './window';

const log = (line: string) => process.stderr.write(`${line}\n`);

// The CLI and the app share one data folder, whatever the packaged product name is.
app.setPath('userData', userDataDir());
app.enableSandbox();
registerAppScheme();
lockDownContents();

if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;
let runtime: AppRuntime | null = null;

async function start(): Promise<void> {
  const root = app.getAppPath();
  serveAppScheme(path.join(root, 'dist', 'renderer'));
  lockDownSession();

  const settings = new DatabaseSettings(path.join(app.getPath('userData'), 'settings.json'), safeStorageBox);
  runtime = new AppRuntime({ shell: 'electron', version: app.getVersion(), log });
  const saved = settings.load();
  let openError: string | null = null;
  try {
    await runtime.useDatabase(saved ? settings.targetOf(saved) : { kind: 'sqlite', file: defaultSqliteFile() });
  } catch (error) {
    // The window still opens: its database settings let the supervisor pick another one.
    openError = (error as Error).message;
    log(`lead-console: ${openError}`);
  }

  win = createConsoleWindow(path.join(root, 'dist', 'preload', 'preload.cjs'));
  const contents = win.webContents;
  const rt = runtime;
  const handlers = createHandlers(rt, {
    settings,
    dialogs: sqliteDialogs(() => win),
    chooseCsvFile: async () => {
      const result = await dialog.showOpenDialog(win!, {
        title: 'Choose a CSV file',
        properties: ['openFile'],
        filters: [{ name: 'CSV', extensions: ['csv', 'txt', 'tsv'] }, { name: 'All files', extensions: ['*'] }],
      });
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    chooseSavePath: async (name) => {
      const result = await dialog.showSaveDialog(win!, { title: 'Save the CSV file', defaultPath: name, filters: [{ name: 'CSV', extensions: ['csv'] }] });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  });
  const send = (event: string, payload: unknown) => {
    if (!contents.isDestroyed()) contents.send(event, payload);
  };
  rt.events.subscribe(send);
  registerIpc(ipcMain as never, {
    handlers,
    isTrusted: (event) => isTrustedSender(event, { webContents: contents, mainFrame: () => contents.mainFrame }),
    context: { emit: (event, payload) => rt.events.emit(event, payload) },
    log,
  });
  if (openError) {
    const message = openError;
    contents.once('did-finish-load', () => send('database/status', { state: 'unavailable', message }));
  }
}

app.on('second-instance', () => {
  if (win && !win.isDestroyed()) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.whenReady().then(start, (error: unknown) => {
  log(`lead-console: could not start: ${(error as Error).message}`);
  app.exit(1);
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !runtime) return;
  // Let running jobs finish their batch and close the database cleanly before exiting.
  event.preventDefault();
  quitting = true;
  void runtime.stop().finally(() => app.quit());
});
app.on('window-all-closed', () => app.quit());
