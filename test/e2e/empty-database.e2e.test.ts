// End to end, issue 21 item 22: the console on an empty database (what the first `npm start`
// opens) offers the demo database and a file, instead of "Pick a campaign on the left"; the demo
// is created in the console's data folder and opened.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../support/serve-process';
import { launchBrowser, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/build-renderer';
import { tempDir } from './support/console-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
let serve: ServeProcess;
let browser: Browser;
let page: Page;

describe('an empty database in the browser', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    dir = tempDir();
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    serve = await startServe(['--db', empty, '--no-jobs'], { cwd: ROOT, timeoutMs: 60_000, env: { LEAD_CONSOLE_HOME: path.join(dir, 'home') } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers the demo database and a file; the demo is created and opened', async () => {
    await page.goto(serve.url.toString());
    const offer = page.getByRole('region', { name: 'This database has no campaign yet' });
    await offer.waitFor({ timeout: 30_000 });
    expect(await page.getByText('Pick a campaign on the left.').count()).toBe(0);
    await screenshot(page, '20-empty-database');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, '20b-empty-database-1024');
    await page.setViewportSize({ width: 1440, height: 960 });
    await offer.getByRole('button', { name: 'Open the demo database' }).click();
    const nav = page.getByRole('navigation', { name: 'Campaigns' });
    await expect.poll(() => nav.textContent(), { timeout: 120_000 }).toContain('Solar Savings Outreach');
    expect(fs.existsSync(path.join(dir, 'home', 'demo.sqlite'))).toBe(true);
    await expect.poll(() => page.locator('.db-info').textContent(), { timeout: 10_000 }).toContain('demo.sqlite');
    await screenshot(page, '21-demo-opened');
  }, 180_000);
});
