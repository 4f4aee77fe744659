// The SQLite file choices of the desktop app, made in the main process's native dialogs: the
// renderer asks "open" or "create" and never names a path (issue 20, item 1).
import path from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import type { SqliteDialogs } from '../ipc/sqlite-handlers';

const FILTERS = [
  { name: 'SQLite database', extensions: ['sqlite', 'sqlite3', 'db'] },
  { name: 'All files', extensions: ['*'] },
];

export function sqliteDialogs(window: () => BrowserWindow | null): SqliteDialogs {
  const parent = () => window() ?? undefined;
  return {
    async openSqlite() {
      const options = { title: 'Open SQLite database', properties: ['openFile' as const], filters: FILTERS };
      const w = parent();
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
    },
    async createSqlite() {
      const options = { title: 'New SQLite database', defaultPath: 'lead-console.sqlite', filters: FILTERS, properties: ['showOverwriteConfirmation' as const] };
      const w = parent();
      const r = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async confirmForeign(file, tables) {
      const options = {
        type: 'warning' as const,
        title: 'Not a Lead Console database',
        message: `${path.basename(file)} is not a Lead Console or dialer database.`,
        detail: `It holds other tables (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}). Creating the console's tables adds about 15 tables to it and switches it to WAL mode.`,
        buttons: ['Cancel', "Create the console's tables here"],
        defaultId: 0,
        cancelId: 0,
      };
      const w = parent();
      const r = w ? await dialog.showMessageBox(w, options) : await dialog.showMessageBox(options);
      return r.response === 1;
    },
  };
}
