// End to end: the live campaign view and the report screens in headless Chromium against
// `lead-console serve` on the demo database. A dial result recorded by another process (the CLI,
// as a dialer would) reaches the open page within 5 s through the push event, and a simulated
// dialer running beside it moves the figures; the report screens show what the CLI reports.
// Screenshots in light and dark, and of the print layout, go to test-results/screenshots/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/build-renderer';
import { seedDemo, startServe, tempDir, type ConsoleServer } from './support/console-server';
import { onlyManualFills } from './support/database';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = `${ROOT}/bin/lead-console.mjs`;
const CAMPAIGN = 'Solar Savings Outreach';
const MAIN_LIST = 'Solar — Main import (Sept)';
const fmt = (n: number) => n.toLocaleString('en-US');
const number = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

let dir: string;
let dbFile: string;
let server: ConsoleServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--db', dbFile], { cwd: ROOT, encoding: 'utf8', input, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`lead-console ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const card = (): Locator => page.getByRole('region', { name: CAMPAIGN });
async function liveFigure(label: string): Promise<number> {
  return number(await card().getByLabel(label, { exact: true }).textContent());
}

async function openScreen(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
}

async function settled(): Promise<void> {
  await expect.poll(() => page.getByText(/^(Loading|Counting)/).count(), { timeout: 60_000 }).toBe(0);
}

describe('live view and reports in a browser', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    dir = tempDir();
    dbFile = seedDemo(dir);
    // The campaign's window open all day, so the simulated dialer has leads whatever the hour.
    onlyManualFills(dbFile, 1);
    server = await startServe(dbFile);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the live view, and a call recorded by another process shows within 5 s', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Live campaigns' }).waitFor();
    await card().waitFor({ timeout: 30_000 });
    await screenshot(page, 'live-01', true);
    const dials = await liveFigure('Dials, last 15 min');
    const answers = await liveFigure('Answers, last 15 min');
    const sqlite = new Database(dbFile, { readonly: true });
    const lead = sqlite.prepare("select l.id from leads l join lead_lists ll on ll.id = l.list_id where ll.campaign_id = 1 and l.status = 'new' order by l.id limit 1").pluck().get() as number;
    sqlite.close();
    cli(['record-call'], `${JSON.stringify({ call_uuid: `e2e-live-${Date.now()}`, lead_id: lead, started_at: new Date().toISOString(), result: 'HUMAN' })}\n`);
    const recorded = Date.now();
    // 5 s is the promise (main's refresh interval); the extra second is this machine's page
    // round trip under load, not slack in the refresh.
    await expect.poll(() => liveFigure('Dials, last 15 min'), { timeout: 6_000, interval: 100 }).toBe(dials + 1);
    const seenAfter = Date.now() - recorded;
    console.log(`live view: the recorded call showed ${seenAfter} ms after record-call returned`);
    expect(await liveFigure('Answers, last 15 min')).toBe(answers + 1);
  }, 120_000);

  it('a simulated dialer beside it moves the figures', async () => {
    const dials60 = await liveFigure('Dials, last 60 min');
    const outcomesBefore = await card().getByRole('list', { name: `Outcomes today, ${CAMPAIGN}` }).textContent();
    // Simulated time runs 20x from 10 minutes ago, so every call it records falls in the last
    // 15 minutes of real time.
    const sim = spawn(process.execPath, [CLI, 'simulate', '--campaign', '1', '--rate', '30', '--speedup', '20', '--duration', '20', '--now', new Date(Date.now() - 10 * 60_000).toISOString(), '--db', dbFile], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const done = new Promise<number | null>((resolve) => sim.on('exit', resolve));
    try {
      await expect.poll(() => liveFigure('Dials, last 60 min'), { timeout: 30_000, interval: 250 }).toBeGreaterThan(dials60 + 5);
      await screenshot(page, 'live-02-simulating', true);
      const mid = await liveFigure('Dials, last 60 min');
      await expect.poll(() => liveFigure('Dials, last 60 min'), { timeout: 30_000, interval: 250 }).toBeGreaterThan(mid);
    } finally {
      expect(await done).toBe(0);
    }
    expect(await card().getByRole('list', { name: `Outcomes today, ${CAMPAIGN}` }).textContent()).not.toBe(outcomesBefore);
    await page.waitForTimeout(6_000);
    await screenshot(page, 'live-03-after-simulate', true);
  }, 120_000);

  it('the penetration screen shows what `report penetration` reports', async () => {
    await page.getByRole('navigation', { name: 'Campaigns' }).getByRole('button', { name: new RegExp(MAIN_LIST.replace(/[()]/g, '\\$&')) }).click();
    await openScreen('Penetration');
    await page.getByRole('heading', { name: `Penetration: ${MAIN_LIST}` }).waitFor();
    await page.getByRole('table', { name: 'Penetration per list' }).waitFor({ timeout: 60_000 });
    await settled();
    const report = JSON.parse(cli(['report', 'penetration', '--list', '1', '--json']));
    expect(await page.getByLabel('Leads', { exact: true }).textContent()).toBe(fmt(report.totals.leads));
    expect(await page.getByLabel('Called', { exact: true }).textContent()).toBe(fmt(report.totals.called));
    expect(await page.getByLabel('Not called', { exact: true }).textContent()).toBe(fmt(report.totals.not_called));
    const histogram = page.getByRole('table', { name: 'Leads by dial attempts' });
    expect(await histogram.getByRole('row').count()).toBe(report.attempts_histogram.length + 1);
    // The chart is drawn (a canvas with a size) beside its table.
    await expect.poll(() => page.locator('.chart-canvas canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'reports-01-penetration', true);
  }, 120_000);

  it('the activity screen shows what `report activity` reports, with its charts', async () => {
    await openScreen('Activity');
    await page.getByRole('heading', { name: `Activity: ${CAMPAIGN}` }).waitFor();
    await page.getByRole('table', { name: 'Outcome mix' }).waitFor({ timeout: 60_000 });
    const from = new Date(Date.now() - 60 * 60_000);
    from.setSeconds(0, 0);
    const to = new Date(Date.now() + 5 * 60_000);
    to.setSeconds(0, 0);
    const local = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    const period = page.getByRole('form', { name: 'Period' });
    await period.getByLabel('From').fill(local(from));
    await period.getByLabel('To').fill(local(to));
    await period.getByRole('button', { name: 'Show' }).click();
    const report = JSON.parse(cli(['report', 'activity', '--campaign', '1', '--from', from.toISOString(), '--to', to.toISOString(), '--json']));
    expect(report.calls).toBeGreaterThan(5);
    await expect.poll(() => page.getByLabel('Calls', { exact: true }).textContent(), { timeout: 30_000 }).toBe(fmt(report.calls));
    expect(await page.getByLabel('Answered', { exact: true }).textContent()).toBe(fmt(report.answered));
    await expect.poll(() => page.locator('.chart-canvas canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'reports-02-activity', true);

    // Export CSV: a file named by the report, with a header row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(2);

    // Print: the navigator and the controls are gone, the report stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.side-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Export CSV' }).isVisible()).toBe(false);
    expect(await page.getByRole('table', { name: 'Outcome mix' }).isVisible()).toBe(true);
    await screenshot(page, 'reports-03-activity-print', true);
    await page.emulateMedia({ media: 'screen' });
  }, 120_000);

  it('reads in dark mode: live view and both reports', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const [name, file] of [
      ['Activity', 'dark-reports-02-activity'],
      ['Penetration', 'dark-reports-01-penetration'],
      ['Live', 'dark-live-01'],
    ] as const) {
      await openScreen(name);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settled();
      await page.waitForTimeout(500);
      await screenshot(page, file, true);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
