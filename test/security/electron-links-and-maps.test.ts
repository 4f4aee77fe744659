// Item 7 of issue 20: the window opens in the user's browser only the links the app itself
// shows (a list, today empty), not any https link a page could produce; production builds
// neither ship nor serve source maps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINKS, isAllowedExternalLink } from '../../shared/external-links';
import { serveStatic } from '../../main/web/static-files';

describe('links that leave the app', () => {
  it('only the listed links, exactly', () => {
    const list = ['https://github.com/lead-console/lead-console#readme'];
    expect(isAllowedExternalLink('https://github.com/lead-console/lead-console#readme', list)).toBe(true);
    for (const url of ['https://evil.example/', 'https://github.com/lead-console/lead-console#readme/../x', 'https://github.com.evil.example/lead-console/lead-console#readme', 'http://github.com/lead-console/lead-console#readme', 'HTTPS://GITHUB.COM/lead-console/lead-console#readme?x', 'javascript:alert(1)']) {
      expect(isAllowedExternalLink(url, list), url).toBe(false);
    }
  });

  it('every listed link is https', () => {
    for (const url of EXTERNAL_LINKS) expect(new URL(url).protocol).toBe('https:');
  });
});

describe('no source maps in production', () => {
  it('the renderer build and the main/preload bundles make none', async () => {
    const vite = (await import('../../renderer/vite.config')).default as { build?: { sourcemap?: unknown } };
    expect(vite.build?.sourcemap).toBeFalsy();
    const buildMain = fs.readFileSync(path.resolve(__dirname, '../../scripts/build-main.mjs'), 'utf8');
    expect(buildMain).not.toMatch(/sourcemap:\s*true/);
    expect(fs.readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8')).toContain('"!dist/**/*.map"');
  });

  it('the browser-mode server does not serve a .map file even when one is there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-maps-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Lead Console</title>');
    fs.writeFileSync(path.join(dir, 'app.js.map'), '{"sources":["secret-source.ts"]}');
    let status = 0;
    let body = '';
    const res = {
      setHeader: () => undefined,
      writeHead: (s: number) => ((status = s), res),
      end: (b?: string) => ((body = b ?? ''), res),
    } as unknown as ServerResponse;
    serveStatic(dir, '/app.js.map', res);
    expect(status).toBe(404);
    expect(body).not.toContain('secret-source');
  });
});
