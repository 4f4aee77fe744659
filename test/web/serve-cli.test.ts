import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe } from '../support/serve-process';

describe('lead-console serve', () => {
  it('prints exactly one Console line, serves the contract on 127.0.0.1 with a session from its link, and stops on SIGTERM', async () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lc-serve-')), 'serve.sqlite');
    fs.writeFileSync(db, '');
    const serve = await startServe(['--db', db, '--no-jobs'], { timeoutMs: 30_000 });
    const { line, url } = serve;
    try {
      expect(line).toMatch(/^Console: http:\/\/127\.0\.0\.1:\d+\/session\?code=[A-Za-z0-9_-]{20,}$/);
      const session = await serve.openSession();
      const res = await fetch(`http://127.0.0.1:${url.port}/api/app/get-info`, { method: 'POST', body: '{}', headers: session });
      expect(await res.json()).toMatchObject({ ok: true, value: { shell: 'browser', database: { kind: 'sqlite' } } });
      expect(serve.stderr()).not.toContain(session.cookie.split('=')[1]);
      // The printed link works once.
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(serve.stdout().split('\n').filter((l) => l.startsWith('Console:'))).toHaveLength(1);
  });
});
