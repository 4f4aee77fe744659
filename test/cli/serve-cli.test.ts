import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../shared/ipc/http-protocol';
import { startServe } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

describe('lead-console serve', () => {
  it('prints exactly one Console line, serves the contract on 127.0.0.1 with its token, and stops on SIGTERM', async () => {
    const db = path.join(makeTempDir('lc-serve-'), 'serve.sqlite');
    const serve = await startServe(['--db', db, '--no-jobs'], { timeoutMs: 30_000 });
    const { line, url, token } = serve;
    try {
      expect(line).toMatch(/^Console: http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
      const res = await fetch(`http://127.0.0.1:${url.port}/api/app/get-info`, { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: token } });
      expect(await res.json()).toMatchObject({ ok: true, value: { shell: 'browser', database: { kind: 'sqlite' } } });
      expect(serve.stderr()).not.toContain(token);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(serve.stdout().split('\n').filter((l) => l.startsWith('Console:'))).toHaveLength(1);
  });
});
