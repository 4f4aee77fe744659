// Item 1 of issue 20: a token holder could open, create and migrate any file through
// `database/open-sqlite`. Now: in Electron the path comes only from the main process's own
// dialog; in browser mode switching is off unless `serve --database-folder DIR` allows DIR; a
// file with other applications' tables is migrated only after an explicit confirmation;
// creating a database is its own action; control characters are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppRuntime } from '../../main/app/app-runtime';
import { fixedClock } from '../../main/db/time';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import type { DatabaseChoiceOptions } from '../../main/ipc/database-handlers';
import { manualTrigger } from '../../main/services/jobs';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-switch-'));
const allowed = path.join(root, 'allowed');
const outside = path.join(root, 'outside');
fs.mkdirSync(allowed);
fs.mkdirSync(outside);

function foreignFile(file: string): void {
  const db = new BetterSqlite3(file);
  db.exec("create table notes (id integer primary key, body text); insert into notes (body) values ('keep me')");
  db.close();
}
const tablesOf = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return {
      tables: (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((r) => r.name),
      journal: db.pragma('journal_mode', { simple: true }),
    };
  } finally {
    db.close();
  }
};

describe('switching databases', () => {
  const runtimes: AppRuntime[] = [];
  const start = async (shell: 'browser' | 'electron', options: DatabaseChoiceOptions) => {
    const runtime = new AppRuntime({ shell, version: 't', clock: fixedClock(new Date('2026-12-06T10:00:00Z')), jobTrigger: manualTrigger, jobs: false });
    runtimes.push(runtime);
    await runtime.useDatabase({ kind: 'sqlite', file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lc-cur-')), 'current.sqlite') });
    const handlers = createHandlers(runtime, options);
    const call = (channel: string, input: unknown) => dispatch(handlers, channel, input, { emit: () => undefined });
    return { runtime, call };
  };
  afterAll(async () => {
    for (const r of runtimes) await r.stop();
  });

  describe('browser mode', () => {
    it('is off without --database-folder: nothing opened or created, whatever the path', async () => {
      const { runtime, call } = await start('browser', {});
      const before = runtime.info();
      const target = path.join(outside, 'new-folder', 'x.sqlite');
      for (const channel of ['database/open-sqlite', 'database/create-sqlite']) {
        const r = await call(channel, { file: target });
        expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/--database-folder/) } });
      }
      expect(fs.existsSync(path.join(outside, 'new-folder'))).toBe(false);
      expect(runtime.info()).toEqual(before);
    });

    it('refuses paths outside the allowed folder with one answer, whether or not they exist', async () => {
      const { runtime, call } = await start('browser', { sqliteFolder: allowed });
      const existing = path.join(outside, 'exists.sqlite');
      fs.writeFileSync(existing, '');
      fs.symlinkSync(outside, path.join(allowed, 'link-out'));
      const answers = new Set<string>();
      for (const file of [existing, path.join(outside, 'missing.sqlite'), path.join(allowed, '..', 'outside', 'exists.sqlite'), '../outside/exists.sqlite', path.join(allowed, 'link-out', 'exists.sqlite'), '/etc/passwd']) {
        const r = await call('database/open-sqlite', { file });
        expect(r.ok, file).toBe(false);
        answers.add(JSON.stringify(r));
        const c = await call('database/create-sqlite', { file: file.replace('exists', 'created') });
        expect(c.ok, file).toBe(false);
      }
      expect(answers.size).toBe(1);
      expect(fs.readdirSync(outside)).toEqual(['exists.sqlite']);
      expect(runtime.info().database.description).toContain('current.sqlite');
    });

    it('opens only an existing file and creates only a new one, inside the folder', async () => {
      const { runtime, call } = await start('browser', { sqliteFolder: allowed });
      const missing = await call('database/open-sqlite', { file: 'nope.sqlite' });
      expect(missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no file .*create/i) } });
      expect(fs.existsSync(path.join(allowed, 'nope.sqlite'))).toBe(false);
      const created = await call('database/create-sqlite', { file: 'fresh.sqlite' });
      expect(created).toMatchObject({ ok: true });
      expect(runtime.info().database.description).toContain(path.join(allowed, 'fresh.sqlite'));
      expect(await call('database/create-sqlite', { file: 'fresh.sqlite' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already exists/) } });
      expect(await call('database/open-sqlite', { file: path.join(allowed, 'fresh.sqlite') })).toMatchObject({ ok: true });
    });

    it('never migrates another application\'s database without the explicit confirmation', async () => {
      const { runtime, call } = await start('browser', { sqliteFolder: allowed });
      const file = path.join(allowed, 'other-app.sqlite');
      foreignFile(file);
      const refused = await call('database/open-sqlite', { file });
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/not a Lead Console or dialer database/) } });
      expect(tablesOf(file)).toEqual({ tables: ['notes'], journal: 'delete' });
      expect(runtime.info().database.description).toContain('current.sqlite');
      expect(await call('database/open-sqlite', { file, confirmForeign: true })).toMatchObject({ ok: true });
      expect(tablesOf(file).tables).toEqual(expect.arrayContaining(['notes', 'leads', 'kysely_migration']));
    });

    it('refuses NUL and other control characters in a path', async () => {
      const { call } = await start('browser', { sqliteFolder: allowed });
      for (const file of ['a\u0000.sqlite', 'a\n.sqlite', 'a\u001b[2J.sqlite', 'a\u007f.sqlite', 'a\r.sqlite']) {
        for (const channel of ['database/open-sqlite', 'database/create-sqlite']) {
          expect(await call(channel, { file })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/control character/) } });
        }
      }
    });
  });

  describe('Electron', () => {
    const chosen: { open: string | null; create: string | null; confirm: boolean } = { open: null, create: null, confirm: false };
    const asked: string[] = [];
    const dialogs = {
      openSqlite: async () => (asked.push('open'), chosen.open),
      createSqlite: async () => (asked.push('create'), chosen.create),
      confirmForeign: async (file: string, tables: string[]) => (asked.push(`confirm ${path.basename(file)} ${tables.join(',')}`), chosen.confirm),
    };
    afterEach(() => {
      asked.length = 0;
    });

    it('takes the path only from its own dialog: a path sent by the page is refused', async () => {
      const { runtime, call } = await start('electron', { dialogs });
      const file = path.join(outside, 'sent-by-page.sqlite');
      for (const channel of ['database/open-sqlite', 'database/create-sqlite']) {
        expect(await call(channel, { file })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/dialog/) } });
      }
      expect(asked).toEqual([]);
      expect(fs.existsSync(file)).toBe(false);
      chosen.create = path.join(outside, 'from-dialog.sqlite');
      expect(await call('database/create-sqlite', {})).toMatchObject({ ok: true });
      expect(runtime.info().database.description).toContain('from-dialog.sqlite');
      chosen.open = null; // cancelled: stays
      expect(await call('database/open-sqlite', {})).toMatchObject({ ok: true });
      expect(runtime.info().database.description).toContain('from-dialog.sqlite');
      expect(asked).toEqual(['create', 'open']);
    });

    it('asks before creating the console\'s tables in another application\'s file, and leaves it alone on No', async () => {
      const { runtime, call } = await start('electron', { dialogs });
      const file = path.join(outside, 'other.sqlite');
      foreignFile(file);
      chosen.open = file;
      chosen.confirm = false;
      expect(await call('database/open-sqlite', {})).toMatchObject({ ok: true });
      expect(asked).toEqual(['open', 'confirm other.sqlite notes']);
      expect(tablesOf(file)).toEqual({ tables: ['notes'], journal: 'delete' });
      expect(runtime.info().database.description).toContain('current.sqlite');
      chosen.confirm = true;
      expect(await call('database/open-sqlite', {})).toMatchObject({ ok: true });
      expect(runtime.info().database.description).toContain('other.sqlite');
    });
  });
});
