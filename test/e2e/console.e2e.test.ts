// End to end: the built renderer in headless Chromium against `lead-console serve` on the demo
// database. One supervisor session, in order: recycle with reset, undo, fix problem leads, the
// hopper's explanation, a job run, the audit. After each step the page and the database agree.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/build-renderer';
import { seedDemo, startServe, tempDir, type ConsoleServer } from './support/console-server';
import { DemoDatabase, onlyManualFills } from './support/database';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN_LIST = 'Solar — Main import (Sept)';
const fmt = (n: number) => n.toLocaleString('en-US');

let dir: string;
let server: ConsoleServer;
let browser: Browser;
let page: Page;
let db: DemoDatabase;
/** The main list's leads before the recycle, for the undo to be compared with. */
let beforeRecycle: ReturnType<DemoDatabase['statusesAndDials']>;
const pageErrors: string[] = [];

async function figure(name: string): Promise<string> {
  return (await page.getByLabel(name, { exact: true }).textContent())?.trim() ?? '';
}

async function expectFigure(name: string, value: number): Promise<void> {
  // Generous: on a loaded machine a refresh of a large list waits behind the scheduled jobs.
  await expect.poll(() => figure(name), { timeout: 45_000 }).toBe(fmt(value));
}

/** How far the page, the content column or any table scrolls sideways (0: everything fits). */
async function sidewaysOverflow(): Promise<number> {
  return page.evaluate(() => {
    const boxes = [document.documentElement, ...document.querySelectorAll('.content, .table-frame')];
    return Math.max(...boxes.map((e) => e.scrollWidth - e.clientWidth));
  });
}

async function pageBackground(): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

async function openScreen(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
}

describe('console in a browser (lead-console serve)', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    dir = tempDir();
    const dbFile = seedDemo(dir);
    // Apply the calls the demo left unapplied now, so the scheduled sync has nothing to change
    // while the test compares the page with the database.
    const sync = spawnSync(process.execPath, [`${ROOT}/bin/lead-console.mjs`, 'sync-calls', '--db', dbFile], { cwd: ROOT, encoding: 'utf8' });
    if (sync.status !== 0) throw new Error(`sync-calls failed: ${sync.stderr}`);
    onlyManualFills(dbFile, 1);
    server = await startServe(dbFile);
    db = new DemoDatabase(dbFile);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    db?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens with the single-use code out of the address bar and every status of a list, NULL included', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Campaigns' }).getByRole('button', { name: new RegExp(MAIN_LIST.replace(/[()]/g, '\\$&')) }).click();
    await page.getByRole('heading', { name: MAIN_LIST }).waitFor();
    expect(page.url()).not.toContain('code=');
    await expectFigure('Total leads', db.totalLeads(1));
    await expectFigure('Recyclable leads', db.recyclableIds(1).length);
    await page.getByRole('checkbox', { name: '(no status)', exact: true }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'no_answer', exact: true }).isVisible()).toBe(true);
    // The banner fills in after the figures, once its counts are in (issue 22): it may take a while.
    await expect.poll(() => page.getByRole('alert', { name: /problem leads in this list/ }).count(), { timeout: 60_000 }).toBe(1);
    await screenshot(page, '01-recycling', true);
    // The compact table: every word on one row, sortable by count.
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    await page.getByRole('table', { name: 'Statuses in this list' }).waitFor();
    await screenshot(page, '01b-recycling-table', true);
    await page.getByRole('button', { name: 'Cards', exact: true }).click();
    await page.getByRole('checkbox', { name: 'no_answer', exact: true }).waitFor();
  }, 60_000);

  it('selects recyclable, recycles with reset: the figures and the database agree', async () => {
    const ids = db.recyclableIds(1);
    const newBefore = db.countWithStatus(1, 'new');
    beforeRecycle = db.statusesAndDials(1);
    expect(ids.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Select Recyclable' }).click();
    await expectFigure('Selected', ids.length);
    await expectFigure('Will recycle', ids.length);
    await page.getByRole('combobox', { name: 'Target status' }).selectOption('new');
    await page.getByRole('checkbox', { name: 'Reset dial count' }).check();
    await page.getByRole('button', { name: 'Recycle', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm recycle' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('will-change').textContent()).toBe(fmt(ids.length));
    await screenshot(page, '02-recycle-confirm');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(`Recycled ${fmt(ids.length)} leads.`).waitFor({ timeout: 60_000 });

    expect(db.countNewAndReset(ids)).toBe(ids.length);
    expect(db.recyclableIds(1)).toEqual([]);
    await expectFigure('Recyclable leads', 0);
    await expectFigure('Total leads', db.totalLeads(1));
    const newCard = page.getByRole('checkbox', { name: 'new', exact: true }).locator('xpath=ancestor::li');
    await expect.poll(() => newCard.textContent()).toContain(fmt(newBefore + ids.length));
    await screenshot(page, '03-after-recycle');
  }, 120_000);

  it('undoes the recycle: every lead is back as it was', async () => {
    const expected = db.recyclableIds(1).length;
    expect(expected).toBe(0);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo last operation' });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/Undone: [\d,]+ leads are back/).waitFor({ timeout: 60_000 });
    const back = db.recyclableIds(1);
    expect(back.length).toBeGreaterThan(0);
    expect(db.statusesAndDials(1)).toEqual(beforeRecycle);
    await expectFigure('Recyclable leads', back.length);
    await expect.poll(() => page.getByRole('button', { name: 'Undo', exact: true }).count()).toBe(0);
  }, 120_000);

  it('fixes problem leads after showing the dry run: the banner goes and the audit has them', async () => {
    const banner = page.getByRole('alert', { name: /problem leads in this list/ });
    await banner.getByRole('button', { name: 'Fix Problematic Leads' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fix problem leads' });
    await dialog.waitFor({ timeout: 60_000 });
    const willFix = Number((await dialog.getByTestId('will-fix').textContent())!.replace(/,/g, ''));
    expect(willFix).toBeGreaterThan(0);
    await screenshot(page, '04-fix-dry-run');
    const fixAuditBefore = db.auditRows('fix');
    expect(db.countNullStatus(1)).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    // The fix streams its progress over server-sent events while it runs.
    const bar = page.getByRole('progressbar', { name: 'Fixing problem leads progress' });
    await expect.poll(() => bar.getAttribute('value'), { timeout: 60_000 }).toMatch(/^[1-9]\d*$/);
    await screenshot(page, '04b-fix-progress');
    await page.getByText(`Fixed ${fmt(willFix)} problem leads.`).waitFor({ timeout: 120_000 });
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(0);
    expect(db.auditRows('fix')).toBeGreaterThan(fixAuditBefore);
    // NULL leads never dialed became `new`: none is left in the database nor on the page.
    expect(db.countNullStatus(1)).toBe(0);
    await expectFigure('Total leads', db.totalLeads(1));
    expect(await page.getByRole('checkbox', { name: '(no status)', exact: true }).count()).toBe(0);
    // Alias spellings sit in collapsed groups: look there too.
    expect(await page.getByRole('checkbox', { name: 'NA', exact: true, includeHidden: true }).count()).toBe(0);
    await screenshot(page, '05-after-fix');
  }, 180_000);

  it("explains the campaign's hopper and fills it", async () => {
    await openScreen('Hopper');
    const table = page.getByRole('table', { name: 'Hopper explain' });
    await table.waitFor();
    const inactive = table.getByRole('row', { name: /List is not active/ });
    await expect.poll(() => inactive.textContent()).toContain(fmt(db.leadsInInactiveLists(1)));
    // The window is open all day and only this button fills (onlyManualFills): leads are eligible.
    const queuedBefore = db.hopperRows(1);
    await page.getByRole('button', { name: 'Fill now' }).click();
    const added = page.getByText(/^Added [\d,]+ leads/);
    await added.waitFor({ timeout: 60_000 });
    const n = Number(/^Added ([\d,]+) leads/.exec((await added.textContent())!)![1].replace(/,/g, ''));
    expect(n).toBeGreaterThan(0);
    expect(db.hopperRows(1)).toBe(queuedBefore + n);
    await expectFigure('Queued', db.hopperRows(1));
    await screenshot(page, '06-hopper');

    // Issue 21: the calling window per timezone, and "what if it were…" asks the same explain.
    const zones = page.getByRole('table', { name: 'Calling window by timezone' });
    await zones.waitFor();
    expect(await zones.getByRole('row').count()).toBeGreaterThan(1);
    await page.getByLabel('What if it were…').fill('2026-11-25T03:00');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByLabel('Eligible then', { exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByLabel('When leads are eligible').textContent(), { timeout: 30_000 }).toMatch(/Nov 25, 2026/);
    await screenshot(page, '06b-hopper-what-if', true);
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
    await screenshot(page, '06c-hopper-what-if-1024', true);
    await page.setViewportSize({ width: 1440, height: 960 });
    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.getByLabel('Eligible now', { exact: true }).waitFor({ timeout: 30_000 });
  }, 120_000);

  it('runs a job from the jobs panel and shows the run', async () => {
    await openScreen('Jobs');
    const row = page.getByRole('row', { name: 'Clean up stale hopper entries', exact: true });
    await row.waitFor();
    const runsBefore = db.jobRuns('cleanup_stale_hopper_entries');
    await row.getByRole('button', { name: 'Run now: Clean up stale hopper entries' }).click();
    await expect.poll(() => db.jobRuns('cleanup_stale_hopper_entries'), { timeout: 30_000 }).toBe(runsBefore + 1);
    const history = page.getByRole('table', { name: 'Run history' });
    // A run that found nothing to do folds with its idle neighbours (a scheduled fill or sync that
    // finished just before it) into one row naming their jobs: open that row to see the run itself.
    await expect
      .poll(() => history.getByRole('row').filter({ hasText: /cleanup_stale_hopper_entries|Clean up stale hopper entries/ }).count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    const ownRow = history.getByRole('row').filter({ hasText: 'cleanup_stale_hopper_entries' });
    if ((await ownRow.count()) === 0) {
      await history.getByRole('row').filter({ hasText: 'Clean up stale hopper entries' }).first().getByRole('button', { name: /runs that did nothing/ }).click();
    }
    await expect.poll(() => ownRow.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => row.textContent()).toMatch(/ok|skipped/);
    await screenshot(page, '07-jobs');

    // Editing a schedule keeps every column, Run now included, on screen.
    await page.getByRole('button', { name: 'Edit schedule of Fill the hopper' }).click();
    const fill = page.getByRole('row', { name: 'Fill the hopper', exact: true });
    await fill.getByRole('textbox', { name: 'Schedule of Fill the hopper' }).waitFor();
    expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
    const runNow = (await fill.getByRole('button', { name: 'Run now: Fill the hopper' }).boundingBox())!;
    expect(runNow.x + runNow.width).toBeLessThanOrEqual(1440);
    await screenshot(page, '07b-jobs-edit');
    // From 1024 px up: no sideways scrolling, in edit mode too.
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
    await screenshot(page, '07c-jobs-1024-edit');
    await fill.getByRole('button', { name: 'Cancel' }).click();
    expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
    await screenshot(page, '07d-jobs-1024');
    await page.setViewportSize({ width: 1440, height: 960 });

    // Issue 21: Run now on the reconcile job asks first, with its dry run; Cancel runs nothing.
    const reconcileRuns = db.jobRuns('reconcile_lead_status');
    await page.getByRole('button', { name: 'Run now: Reconcile lead statuses' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('status', { name: 'What the run would do' }).waitFor({ timeout: 60_000 });
    expect(await dialog.textContent()).toMatch(/leads would be fixed/);
    await screenshot(page, '07e-jobs-reconcile-confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(db.jobRuns('reconcile_lead_status')).toBe(reconcileRuns);
    // The history by outcome, a page at a time.
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('ok');
    await expect.poll(() => history.getByRole('row').filter({ hasText: 'failed' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Run history pages' }).waitFor();
    await screenshot(page, '07f-jobs-history-ok', true);
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('');
  }, 120_000);

  it('lists the status changes by source and exports them as CSV', async () => {
    await openScreen('Audit');
    await page.getByRole('combobox', { name: 'Source' }).selectOption('undo');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const table = page.getByRole('table', { name: 'Status changes' });
    await expect.poll(() => table.locator('tbody tr').first().textContent(), { timeout: 15_000 }).toContain('undo');
    await screenshot(page, '08-audit');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const [header, first] = text.split('\r\n');
    expect(header).toBe('id,created_at,lead_id,list_id,old_status,new_status,source,operation_id,reason');
    // The first row is an undo row as stored: each of its fields is the database's.
    const row = db.auditRow(Number(first.split(',')[0]));
    expect(row.source).toBe('undo');
    for (const k of ['id', 'lead_id', 'list_id', 'old_status', 'new_status', 'operation_id'] as const) expect(first.split(',')).toContain(String(row[k] ?? ''));
    expect(text.split('\r\n').filter(Boolean).length).toBe(db.auditRows('undo') + 1);

    // Issue 21: one lead's changes (by its id, then by its phone) in a date range; the CSV is what is shown.
    const leadId = Number(first.split(',')[2]);
    await page.getByRole('combobox', { name: 'Source' }).selectOption('');
    await page.getByRole('spinbutton', { name: 'Lead' }).fill(String(leadId));
    const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBe(db.auditRowsOfLead(leadId));
    await screenshot(page, '08b-audit-lead');
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
    await screenshot(page, '08c-audit-lead-1024', true);
    await page.setViewportSize({ width: 1440, height: 960 });
    const [leadCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const leadLines = fs.readFileSync((await leadCsv.path())!, 'utf8').split('\r\n').filter(Boolean);
    expect(leadLines.length).toBe(db.auditRowsOfLead(leadId) + 1);
    expect(leadLines.slice(1).every((l) => l.split(',')[2] === String(leadId))).toBe(true);
    await page.getByRole('spinbutton', { name: 'Lead' }).fill('');
    await page.getByLabel('From', { exact: true }).fill('');
    await page.getByLabel('To', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
  }, 90_000);

  it('imports the sample vendor file into a list: preview, dry run, import, skipped rows, export', async () => {
    const before = db.totalLeads(1);
    await page.getByRole('navigation', { name: 'Campaigns' }).getByRole('button', { name: new RegExp(MAIN_LIST.replace(/[()]/g, '\\$&')) }).click();
    await openScreen('Import');
    await page.getByLabel('Choose a CSV file').setInputFiles(`${ROOT}/docs/sample-vendor-leads.csv`);
    await expect.poll(() => page.locator('.import-detected').textContent(), { timeout: 15_000 }).toMatch(/semicolon · UTF-8 with BOM · ignored columns: Source, Notes/);
    await page.getByRole('button', { name: 'Dry run' }).click();
    const dry = page.getByRole('table').filter({ hasText: 'Dry run (nothing changed)' });
    await expect.poll(() => dry.locator('tr.outcome-missing_phone td').first().textContent(), { timeout: 15_000 }).toBe('1');
    expect(db.totalLeads(1)).toBe(before);
    await screenshot(page, '10-import-dry-run', true);
    await page.locator('.import-screen').getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByRole('table').filter({ hasText: 'Imported into list' });
    await expect.poll(() => result.locator('tr.outcome-imported td').first().textContent(), { timeout: 30_000 }).toMatch(/^\d+$/);
    const imported = Number(await result.locator('tr.outcome-imported td').first().textContent());
    expect(imported).toBeGreaterThanOrEqual(3);
    expect(db.totalLeads(1)).toBe(before + imported);
    await screenshot(page, '11-import-result', true);
    const [skipped] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the skipped rows (CSV)' }).click()]);
    expect(fs.readFileSync((await skipped.path())!, 'utf8')).toMatch(/^row,outcome,cells\r\n4,missing_phone,/);

    await openScreen('Recycling');
    await page.getByRole('checkbox', { name: 'new', exact: true }).check();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export the 1 selected status/ }).click()]);
    const csv = fs.readFileSync((await exported.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('phone,first_name,last_name,timezone,status,dial_attempts,last_dial_attempt,id,created_at');
    expect(csv).toContain('Gonzalez');
  }, 120_000);

  it('adds a number to the DNC list, finds it in another spelling, removes it with a reason', async () => {
    await openScreen('DNC list');
    await page.getByLabel('Number', { exact: true }).fill('+1 (212) 555-0199');
    await page.getByRole('button', { name: 'Add to the list' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 15_000 }).toMatch(/Added \+1 \(212\) 555-0199/);
    await page.getByLabel('Number', { exact: true }).fill('+12125550199');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.dnc-check').textContent(), { timeout: 15_000 }).toMatch(/is on the DNC list/);
    await page.getByLabel('Reason to remove it').fill('customer consented again');
    await screenshot(page, '12-dnc', true);
    await page.getByRole('button', { name: 'Remove from the list' }).click();
    const changes = page.getByRole('table', { name: 'Recent DNC changes' });
    await expect.poll(() => changes.locator('tbody tr').first().textContent(), { timeout: 15_000 }).toContain('customer consented again');
  }, 60_000);

  it('finds a lead by its phone, sets a status with a reason: the timeline and the audit show it', async () => {
    const lead = db.leadWithStatus(1, 'busy');
    // The last 7 digits, typed as a person reads them off a screen.
    const digits = lead.phone.replace(/\D/g, '').slice(-7);
    await page.keyboard.press('Control+k');
    await page.getByRole('searchbox', { name: /find a lead/i }).fill(`${digits.slice(0, 3)}-${digits.slice(3)}`);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Search results' }).getByRole('button', { name: new RegExp(`#${lead.id}\\b`) }).click();
    await page.getByRole('heading', { name: new RegExp(`^Lead #${lead.id}:`) }).waitFor();
    expect(await page.getByLabel('Eligibility now').textContent()).toMatch(/^(Eligible now|Not eligible now)/);
    await screenshot(page, '13-lead', true);
    await page.getByLabel(/^Reason/).fill('customer called in: not interested');
    await page.getByLabel('New status').selectOption('not_interested');
    await page.getByRole('button', { name: 'Set status' }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect.poll(() => timeline.locator('li').first().textContent(), { timeout: 15_000 }).toContain('busy → not_interested');
    expect(db.statusOf(lead.id)).toBe('not_interested');
    expect(db.manualAudit(lead.id)).toEqual([expect.objectContaining({ new_status: 'not_interested', reason: 'customer called in: not interested' })]);
    await screenshot(page, '14-lead-after-set-status', true);
    await openScreen('Audit');
    await page.getByRole('combobox', { name: 'Source' }).selectOption('manual');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const row = page.getByRole('table', { name: 'Status changes' }).locator('tbody tr').first();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('customer called in: not interested');
    // The lead id in the audit row opens the lead again.
    await row.getByRole('button', { name: String(lead.id), exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`^Lead #${lead.id}:`) }).waitFor();
  }, 90_000);

  it('maps XFER from its card: the exact count first, then the card is gone', async () => {
    await page.getByRole('navigation', { name: 'Campaigns' }).getByRole('button', { name: new RegExp(MAIN_LIST.replace(/[()]/g, '\\$&')) }).click();
    await page.getByRole('heading', { name: MAIN_LIST }).waitFor();
    const before = db.countWithStatus(1, 'XFER');
    expect(before).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Map XFER to…' }).click();
    await page.getByLabel('Map to status').selectOption('contacted');
    await expect.poll(() => page.getByLabel('Leads that will move').textContent(), { timeout: 15_000 }).toBe(`${fmt(before)} leads will move to contacted, as one operation you can undo.`);
    await screenshot(page, '15-map-xfer');
    await page.getByRole('button', { name: `Move ${fmt(before)} leads to contacted` }).click();
    await expect.poll(() => db.countWithStatus(1, 'XFER'), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByRole('checkbox', { name: 'XFER', exact: true }).count(), { timeout: 15_000 }).toBe(0);
    await screenshot(page, '16-after-map', true);
  }, 90_000);

  it('follows the OS dark mode on every screen, and the theme switch overrides it', async () => {
    const light = await pageBackground();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(pageBackground).not.toBe(light);
    const dark = await pageBackground();
    const shots: [string, string, boolean][] = [
      ['Recycling', 'dark-01-recycling', true],
      ['Hopper', 'dark-06-hopper', false],
      ['Jobs', 'dark-07-jobs', false],
      ['Audit', 'dark-08-audit', false],
      ['Settings', 'dark-09-settings', false],
    ];
    for (const [name, file, fullPage] of shots) {
      await openScreen(name);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expect.poll(() => page.getByText(/^Loading/).count(), { timeout: 30_000 }).toBe(0);
      await screenshot(page, file, fullPage);
    }
    // The supervisor's pick wins over the OS (remembering it is a component test's job).
    const theme = page.getByRole('combobox', { name: 'Theme' });
    await theme.selectOption('light');
    expect(await pageBackground()).toBe(light);
    await theme.selectOption('system');
    expect(await pageBackground()).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(pageBackground).toBe(light);
  }, 90_000);

  it('shows the database settings, and the page had no script or CSP error', async () => {
    await openScreen('Settings');
    await page.getByRole('button', { name: 'Test connection' }).waitFor();
    await screenshot(page, '09-settings');
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
