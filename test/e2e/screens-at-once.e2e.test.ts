// End to end, issue 22: the recycling screen shows its figures without waiting for the problem
// counts, whose banner says when they were taken; a second visit answers from the kept counts;
// "Count again" counts now; the hopper screen shows its figures and then its explain.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/build-renderer';
import { seedDemo, startServe, tempDir, type ConsoleServer } from './support/console-server';

const MAIN_LIST = 'Solar — Main import (Sept)';
const OTHER_LIST = 'Solar — Web form leads';

let dir: string;
let server: ConsoleServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const listButton = (name: string) => page.getByRole('navigation', { name: 'Campaigns' }).getByRole('button', { name: new RegExp(name.replace(/[()]/g, '\\$&')) });
const banner = () => page.getByRole('alert', { name: /problem leads in this list/ });

describe('screens that answer at once (browser)', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    dir = tempDir();
    server = await startServe(seedDemo(dir), ['--no-jobs']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the figures, then the banner with the time of its counts; a second visit takes the kept counts', async () => {
    // Every request of the first visit, by channel: each is asked once (a development build of
    // React asked twice, and its second problem count cancelled the first and started over).
    const asked = new Map<string, number>();
    const count = (r: { url(): string }) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/') && path !== '/api/events') asked.set(path, (asked.get(path) ?? 0) + 1);
    };
    page.on('request', count);
    await page.goto(server.url);
    await listButton(MAIN_LIST).click();
    await page.getByLabel('Total leads', { exact: true }).waitFor();
    await page.getByRole('checkbox', { name: 'no_answer', exact: true }).waitFor();
    const asOf = banner().getByTestId('problems-as-of');
    await asOf.waitFor({ timeout: 60_000 });
    expect(await asOf.textContent()).toMatch(/^Counted at .+\. Count again$/);
    await screenshot(page, 'i22-01-figures-and-counted-banner', true);
    page.off('request', count);
    for (const channel of ['/api/campaigns/list', '/api/recycling/breakdown', '/api/leads/problem-report']) expect(asked.get(channel), channel).toBe(1);
    expect(asked.has('/api/requests/cancel')).toBe(false);

    await listButton(OTHER_LIST).click();
    await page.getByText(/No problem leads in this list|problem leads in this list|status word that is neither/).first().waitFor({ timeout: 60_000 });
    await listButton(MAIN_LIST).click();
    await expect.poll(() => asOf.textContent(), { timeout: 60_000 }).toContain('nothing in the list has changed since');
    await screenshot(page, 'i22-02-kept-counts');

    await asOf.getByRole('button', { name: 'Count again' }).click();
    await expect.poll(() => asOf.textContent(), { timeout: 60_000 }).not.toContain('nothing in the list has changed since');
  }, 180_000);

  it('shows the hopper figures, then why the other leads are not eligible', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Hopper', exact: true }).click();
    await page.getByLabel('Queued', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Hopper explain' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'i22-03-hopper');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
