// Item 9 of issue 20: `serve` right after `npm install` (no dist/renderer yet) builds the page,
// as `demo` does, instead of serving "the page has not been built". The folder is redirected
// (LEAD_CONSOLE_RENDERER_DIR) so that the test does not remove the checkout's own build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe } from '../support/serve-process';

describe('serve without a built page', () => {
  it('builds it first, then serves it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-build-'));
    const out = path.join(dir, 'renderer');
    fs.writeFileSync(path.join(dir, 'c.sqlite'), '');
    const serve = await startServe(['--db', path.join(dir, 'c.sqlite'), '--no-jobs'], { timeoutMs: 280_000, env: { LEAD_CONSOLE_RENDERER_DIR: out } });
    try {
      expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
      expect(serve.stderr()).toMatch(/Building the console page/);
      const session = await serve.openSession();
      const page = await (await fetch(`http://127.0.0.1:${serve.url.port}/`, { headers: session })).text();
      expect(page).not.toMatch(/has not been built/);
      expect(page).toMatch(/<script type="module"/);
    } finally {
      await serve.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
