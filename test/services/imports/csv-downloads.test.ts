// The console's CSV files go out streamed, never whole in memory (issue 16): browser mode's
// GET /api/download, Electron's save to the chosen file, and the export itself, which waits
// for a reader that does not read and stops when the reader goes away. On each database.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppRuntime } from '../../../main/app/app-runtime';
import { PushEventBus } from '../../../main/app/push-events';
import { fixedClock } from '../../../main/db/time';
import { openCsvDownload } from '../../../main/ipc/csv-downloads';
import { createIoHandlers } from '../../../main/ipc/io-handlers';
import { exportLeads } from '../../../main/services/exports/export-leads';
import { startWebServer, type WebServer } from '../../../main/web/web-server';
import { DOWNLOAD_PATH, TOKEN_HEADER } from '../../../shared/ipc/http-protocol';
import type { CsvDownload } from '../../../shared/ipc/io-channels';
import { createTestTarget, describeEachDialect } from '../../support/databases';
import { at, makeCampaign, makeList } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp-dir';

const LEADS = 12_000;
const dir = makeTempDir('lead-console-downloads-');
fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');

describeEachDialect(
  'CSV downloads, streamed',
  ({ dialect }) => {
    let runtime: AppRuntime;
    let server: WebServer;
    let listId: number;
    beforeAll(async () => {
      runtime = new AppRuntime({ shell: 'browser', version: 'test', clock: fixedClock(at(10)), jobs: false });
      await runtime.useDatabase(await createTestTarget(dialect));
      const h = runtime.handle;
      listId = await makeList(h, await makeCampaign(h));
      // Enough leads for several of the export's pages (2,000 each).
      for (let i = 0; i < LEADS; i += 2000) {
        await h.db
          .insertInto('leads')
          .values(Array.from({ length: 2000 }, (_, k) => ({ list_id: listId, phone: `+1313${String(i + k).padStart(7, '0')}`, first_name: k === 0 ? '=cmd()' : `n${i + k}`, status: 'new' })))
          .execute();
      }
      server = await startWebServer({ events: runtime.events, staticDir: dir, dispatch: async () => ({ ok: true, value: null }), download: (r) => openCsvDownload(runtime, r) });
    });
    afterAll(async () => {
      await server.close();
      await runtime.stop();
    });

    function get(request: CsvDownload | string, extra = ''): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
      const q = typeof request === 'string' ? request : JSON.stringify(request);
      return new Promise((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: server.port, path: `${DOWNLOAD_PATH}?request=${encodeURIComponent(q)}${extra}`, headers: { [TOKEN_HEADER]: server.token } }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          })
          .on('error', reject);
      });
    }

    it('browser mode: the list downloads as the export writes it, an attachment, formulas inert', async () => {
      const r = await get({ what: 'leads', listId });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/csv/);
      expect(r.headers['content-disposition']).toContain(`filename="list-${listId}-leads.csv"`);
      const rows = parse(r.body, { columns: true }) as { phone: string; first_name: string }[];
      expect(rows).toHaveLength(LEADS);
      expect(rows[0].first_name).toBe("'=cmd()");
      expect(new Set(rows.map((x) => x.phone)).size).toBe(LEADS);
    });

    it('browser mode: refusals come before the first byte, as JSON; check=1 only checks', async () => {
      expect(JSON.parse((await get({ what: 'leads', listId }, '&check=1')).body)).toEqual({ ok: true, value: { filename: `list-${listId}-leads.csv` } });
      const missing = await get({ what: 'leads', listId: 99_999 });
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect((await get({ what: 'skipped', id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      expect((await get('{not json')).status).toBe(400);
      expect(JSON.parse((await get({ what: 'everything' } as never)).body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      const anonymous = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: server.port, path: DOWNLOAD_PATH }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(anonymous).toBe(401);
    });

    it('the export waits for a reader that does not read (a page at most in flight), and stops when it goes away', async () => {
      let received = 0;
      const stalled = new Writable({ highWaterMark: 1024, write: (chunk: Buffer, _e, _done) => void (received += chunk.length) });
      const running = exportLeads(runtime.handle, { listId }, stalled);
      await new Promise((r) => setTimeout(r, 300));
      // The header and the first page went out; nothing more while the reader reads nothing.
      const lines = received;
      expect(lines).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(received).toBe(lines);
      stalled.destroy();
      await expect(running).rejects.toThrow(/closed before the export finished/);
    });

    it('Electron: saved to the chosen file as it is written; a cancelled dialog saves nothing; a refusal leaves no file', async () => {
      const file = path.join(dir, `${dialect}-saved.csv`);
      let offered = '';
      const handlers = createIoHandlers(runtime, {
        chooseSavePath: async (name) => {
          offered = name;
          return file;
        },
      });
      const ctx = { emit: () => undefined } as never;
      const saved = await handlers['files/save-csv']({ what: 'leads', listId, statuses: [] }, ctx);
      expect(saved).toEqual({ saved: true, filename: path.basename(file), rows: LEADS });
      expect(offered).toBe(`list-${listId}-leads.csv`);
      expect(parse(fs.readFileSync(file, 'utf8'), { columns: true })).toHaveLength(LEADS);

      const cancelled = createIoHandlers(runtime, { chooseSavePath: async () => null });
      expect(await cancelled['files/save-csv']({ what: 'dnc' }, ctx)).toEqual({ saved: false, filename: 'dnc-numbers.csv', rows: null });
      const other = path.join(dir, `${dialect}-never.csv`);
      const refused = createIoHandlers(runtime, { chooseSavePath: async () => other });
      await expect(refused['files/save-csv']({ what: 'leads', listId: 99_999, statuses: [] }, ctx)).rejects.toThrow(/List 99999 does not exist/);
      expect(fs.existsSync(other)).toBe(false);
      // Browser mode has no save dialog: the page downloads instead.
      await expect(createIoHandlers(runtime)['files/save-csv']({ what: 'dnc' }, ctx)).rejects.toThrow(/downloads from the page/);
    });
  },
  { open: false },
);
